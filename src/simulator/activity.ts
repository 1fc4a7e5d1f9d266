import { simTopicsOf } from './topic-labels.js';
import { HOUR, MIN, ownerAuthor, seconds, type ActivityContext, type Author, type Branch, type Turn } from './activity-context.js';
import { conversation, ownerRounds } from './activity-conversation.js';
import { ItemWriter } from './activity-items.js';
import { citizenAuthor, commentLang, fill, hasPii, lowerFirst, template } from './activity-text.js';
import { DAY, nextOsloWeekStart, osloAt, osloWeekStart } from './oslo.js';
import { Rng } from './random.js';
import {
  CITIZEN_POST_OPENINGS,
  COMMENTS_PER_POST,
  OPENING_MIX,
  POST_KINDS,
  POST_TEMPLATES,
  VIDEO_TEMPLATES,
  type CommentKind,
  type PostKind,
} from './texts.js';
import type { AccountData, AccountSpec, Citizen, SimItem, SimPlatform, World } from './world.js';

/**
 * Generates one account's activity for the world's [start, end]: broadcast posts, resident comments and
 * conversations, owner replies after skewed delays, visitor posts / mentions, edits, deletions and hides.
 * A pure function of (seed, account): the same account always gets the same items, whatever else was generated.
 *
 * This file makes the posts and finishes the account; activity-conversation.ts writes the branches under them,
 * activity-text.ts picks authors and texts, activity-items.ts gives items their ids.
 */

export function generateActivity(world: World, spec: AccountSpec): AccountData {
  const g = new Generator(world, spec);
  g.run();
  return g.finish();
}

class Generator implements ActivityContext {
  readonly rng: Rng;
  readonly platform: SimPlatform;
  readonly pool: Citizen[];
  readonly owner: Author;
  readonly otherResponders: Author[];
  readonly writer: ItemWriter;
  private readonly startMs: number;
  private readonly endMs: number;

  constructor(
    private readonly world: World,
    readonly spec: AccountSpec,
  ) {
    this.rng = Rng.of(world.options.seed, 'activity', spec.account.externalId);
    this.platform = spec.account.platform;
    this.pool = world.citizens(spec.municipality.code);
    this.owner = ownerAuthor(spec);
    this.otherResponders = spec.responders
      .filter((id) => id !== spec.account.externalId)
      .map((id) => world.spec(id))
      .filter((s): s is AccountSpec => s !== undefined)
      .map(ownerAuthor);
    this.startMs = world.startMs;
    this.endMs = world.endMs;
    this.writer = new ItemWriter(this.rng, spec, this.platform, this.endMs);
  }

  run(): void {
    const { rng, spec } = this;
    const a = spec.activity;
    const postsPerWeek =
      this.platform === 'facebook'
        ? spec.secondary
          ? 1.0
          : 2.8 * a
        : this.platform === 'x'
          ? 2.0 * a
          : this.platform === 'instagram'
            ? 1.6 * a
            : this.platform === 'bluesky'
              ? 1.6 * a
              : 0.45 * a;
    // Residents' own Bluesky posts that mention the account are not in the simulated world: the public AppView
    // shows them only to the mentioned account's login (notifications) or through search, which it refuses to
    // unauthenticated callers (../shared/reference/platform-apis.md §5), so no collector could see them.
    const citizenPostsPerWeek = this.platform === 'facebook' ? (spec.secondary ? 0.1 : 0.35 * a) : this.platform === 'x' ? 0.5 * a : 0;
    for (let week = osloWeekStart(this.startMs); week <= this.endMs; week = nextOsloWeekStart(week)) {
      const nPosts = rng.poisson(postsPerWeek);
      for (let i = 0; i < nPosts; i++) {
        const kind = this.postKind();
        const t = rng.chance(0.01) ? week : this.postTime(week, kind);
        if (t < this.startMs || t > this.endMs) continue;
        this.broadcast(t, kind);
      }
      const nCitizen = rng.poisson(citizenPostsPerWeek);
      for (let i = 0; i < nCitizen; i++) {
        const t = week + rng.next() * 7 * DAY;
        if (t < this.startMs || t > this.endMs) continue;
        this.citizenPost(t);
      }
    }
  }

  finish(): AccountData {
    const { items } = this.writer;
    const post = Rng.of(this.world.options.seed, 'moderation', this.spec.account.externalId);
    const children = new Map<string, SimItem[]>();
    for (const it of items) {
      if (!it.parentId) continue;
      const list = children.get(it.parentId);
      if (list) list.push(it);
      else children.set(it.parentId, [it]);
    }
    for (const it of items) {
      if (it.authorRole !== 'citizen') continue;
      // Only leaves are deleted: a platform removes the replies with their parent, which would also remove answers.
      if (!children.has(it.id) && post.chance(0.025)) it.deletedAt = seconds(it.createdAt + MIN + post.exp(1.5 * DAY));
      // Page and Instagram owners hide comments (Graph `is_hidden` / `hidden`); a Bluesky account hides replies to its
      // posts through the thread's threadgate.
      else if (
        (this.platform === 'facebook' || this.platform === 'instagram' || this.platform === 'bluesky') &&
        it.kind === 'comment' &&
        post.chance(it.textKind === 'complaint' ? 0.08 : 0.015)
      )
        it.hiddenAt = seconds(it.createdAt + MIN + post.exp(8 * HOUR));
    }
    items.sort((x, y) => x.createdAt - y.createdAt || x.seq - y.seq);
    const byId = new Map<string, SimItem>();
    const threads = new Map<string, SimItem[]>();
    for (const it of items) {
      byId.set(it.id, it);
      const list = threads.get(it.rootId);
      if (list) list.push(it);
      else threads.set(it.rootId, [it]);
    }
    for (const list of children.values()) list.sort((x, y) => x.createdAt - y.createdAt || x.seq - y.seq);
    return { spec: this.spec, items, byId, children, threads };
  }

  // ── posts ──

  private postKind(): PostKind {
    const weights: Record<PostKind, number> = this.spec.secondary
      ? { service_info: 6, crisis: 3, event: 0.5, job: 0.5, smalltalk: 0.3, dialogue_invitation: 0.3 }
      : { service_info: 4, event: 2.5, crisis: 0.8, job: 1.2, smalltalk: 1.5, dialogue_invitation: 0.6 };
    return this.rng.weighted(POST_KINDS.map((k) => [k, weights[k]] as const));
  }

  private postTime(weekStart: number, kind: PostKind): number {
    const { rng } = this;
    if (kind === 'smalltalk' && rng.chance(0.6)) return osloAt(weekStart + 4 * DAY + 3 * HOUR, rng.int(12, 15), rng.int(0, 59));
    const day = rng.chance(0.88) ? rng.int(0, 4) : rng.int(5, 6);
    const hour = kind === 'crisis' ? rng.int(0, 23) : rng.chance(0.78) ? rng.int(8, 15) : rng.int(16, 22);
    return osloAt(weekStart + day * DAY + 3 * HOUR, hour, rng.int(0, 59)) + rng.int(0, 59) * 1000;
  }

  private broadcast(t: number, kind: PostKind): void {
    const { rng, spec } = this;
    const lang = spec.lang;
    const source = this.platform === 'youtube' ? VIDEO_TEMPLATES : POST_TEMPLATES;
    const candidates = source.filter((p) => p.kind === kind && p.lang === lang);
    const tpl = rng.pick(candidates.length ? candidates : source.filter((p) => p.lang === 'nb'));
    const text = fill(this, tpl.text, lang, null, null);
    const followers = spec.followersAtStart;
    const kindFactor = kind === 'smalltalk' ? 3 : kind === 'crisis' ? 2 : kind === 'job' ? 0.7 : 1;
    const likes = Math.round(rng.logNormal(followers * 0.006 * kindFactor + 2, 0.8));
    const post = this.writer.add({
      kind: 'post',
      parentId: null,
      root: null,
      branchId: null,
      depth: 0,
      author: this.owner,
      createdAt: t,
      text,
      needsAnswer: false,
      textKind: kind,
      lang,
      postKind: kind,
      title: this.platform === 'youtube' ? fill(this, tpl.title, lang, null, null) : null,
      likes,
      shares:
        kind === 'crisis' || kind === 'event' || kind === 'job'
          ? Math.round(likes * rng.next() * 0.3)
          : Math.round(likes * rng.next() * 0.05),
      views: Math.round(likes * rng.int(15, 80)),
      growthHours: rng.logNormal(10, 0.5),
      commentsDisabled: this.platform === 'youtube' && rng.chance(0.05),
    });
    if (!post) return;
    if (this.platform === 'facebook' && rng.chance(0.06)) {
      post.textBefore = post.text;
      post.text = `${post.text} ${lang === 'nn' ? 'Oppdatert: Sjå nettsida til kommunen for siste nytt.' : 'Oppdatert: Se kommunens nettside for siste nytt.'}`;
      post.editedAt = seconds(post.createdAt + MIN + rng.exp(5 * HOUR));
    }
    if (post.commentsDisabled) return;
    const platformFactor =
      this.platform === 'facebook'
        ? spec.secondary
          ? 0.5
          : 1
        : this.platform === 'x'
          ? 0.5
          : this.platform === 'instagram'
            ? 0.8
            : this.platform === 'bluesky'
              ? 0.45
              : 0.7;
    const mean = COMMENTS_PER_POST[kind] * platformFactor * Math.sqrt(spec.activity) * (0.6 + 0.8 * rng.next());
    const nBranches = rng.poisson(mean);
    let previousOpening = 0;
    for (let i = 0; i < nBranches; i++) {
      let t0 = t + Math.round(2 * MIN + Math.min(rng.logNormal(90 * MIN, 1.4), 12 * DAY));
      const edge = rng.next();
      if (edge < 0.03)
        t0 = nextOsloWeekStart(osloWeekStart(t0)) - rng.int(1, 40) * 1000; // Sunday 23:59:xx
      else if (edge < 0.06 && previousOpening > 0) t0 = previousOpening; // same second as another branch
      previousOpening = t0;
      conversation(this, { root: post, top: null, lastTime: t }, t0, rng.weighted(OPENING_MIX[kind]));
    }
  }

  private citizenPost(t: number): void {
    const { rng } = this;
    const author = citizenAuthor(this);
    const lang = commentLang(this);
    const kind = rng.weighted<CommentKind>([
      ['question', 45],
      ['request', 15],
      ['complaint', 20],
      ['praise', 20],
    ]);
    const tpl = template(this, kind, lang);
    const opening = rng.pick(CITIZEN_POST_OPENINGS[lang]);
    let text = fill(this, opening + lowerFirst(tpl.text, opening), lang, author, null);
    const topics = simTopicsOf(tpl.text, text);
    if (this.platform === 'x') text = `@${this.spec.account.handle} ${text}`;
    const root = this.writer.add({
      kind: 'post',
      parentId: null,
      root: null,
      branchId: null,
      depth: 0,
      author,
      createdAt: t,
      text,
      needsAnswer: tpl.needsAnswer,
      textKind: tpl.kind,
      lang,
      postKind: null,
      title: null,
      likes: Math.round(rng.logNormal(2, 1)),
      shares: 0,
      views: rng.int(20, 400),
      growthHours: rng.logNormal(6, 0.5),
      commentsDisabled: false,
      topics,
    });
    if (!root) return;
    const branch: Branch = { root, top: root, lastTime: t };
    const turn: Turn = { first: root, last: root, author, kind, needsAnswer: tpl.needsAnswer, pii: hasPii(tpl.text) };
    ownerRounds(this, branch, turn);
  }
}
