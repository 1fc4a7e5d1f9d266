import { fbCommentNumber, fbPostNumber, snowflake, ytReplyId, ytThreadId, ytVideoId } from './ids.js';
import { fnrWithCheckDigits } from './fnr.js';
import { DAY, nextOfficeTime, nextOsloWeekStart, osloAt, osloWeekStart } from './oslo.js';
import { Rng } from './random.js';
import {
  CITIZEN_POST_OPENINGS,
  COMMENT_TEMPLATES,
  COMMENTS_PER_POST,
  DAYS,
  FACILITIES,
  OPENING_MIX,
  OWNER_REPLY_TEMPLATES,
  PLACES,
  POST_KINDS,
  POST_TEMPLATES,
  VIDEO_TEMPLATES,
  type CommentKind,
  type CommentTemplate,
  type Lang,
  type OwnerReplyKind,
  type PostKind,
} from './texts.js';
import type { AccountData, AccountSpec, Citizen, SimItem, World } from './world.js';

/**
 * Generates one account's activity for the world's [start, end]: broadcast posts, resident comments and
 * conversations, owner replies after skewed delays, visitor posts / mentions, edits, deletions and hides.
 * A pure function of (seed, account): the same account always gets the same items, whatever else was generated.
 */

const MIN = 60_000;
const HOUR = 3_600_000;

type Author = { role: 'owner' | 'citizen'; id: string; name: string; handle: string; citizen: Citizen | null };

type Branch = {
  root: SimItem;
  /** The comment directly under the root (null until the first comment); for a citizen post, the root. */
  top: SimItem | null;
  lastTime: number;
};

type Turn = { first: SimItem; last: SimItem; author: Author; kind: CommentKind; needsAnswer: boolean; pii: boolean };

const templatesByKindLang = new Map<string, CommentTemplate[]>();
for (const t of COMMENT_TEMPLATES) {
  const key = `${t.kind}:${t.lang}`;
  templatesByKindLang.set(key, [...(templatesByKindLang.get(key) ?? []), t]);
}

export function generateActivity(world: World, spec: AccountSpec): AccountData {
  const g = new Generator(world, spec);
  g.run();
  return g.finish();
}

class Generator {
  private readonly rng: Rng;
  private readonly items: SimItem[] = [];
  private readonly ids = new Set<string>();
  private seq = 0;
  private postSeq = 0;
  private commentSeq = 0;
  private readonly platform;
  private readonly pool: Citizen[];
  private readonly owner: Author;
  private readonly otherResponders: Author[];
  private readonly startMs: number;
  private readonly endMs: number;

  constructor(
    private readonly world: World,
    private readonly spec: AccountSpec,
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
  }

  run(): void {
    const { rng, spec } = this;
    const a = spec.activity;
    const postsPerWeek =
      this.platform === 'facebook' ? (spec.secondary ? 1.0 : 2.8 * a) : this.platform === 'x' ? 2.0 * a : 0.45 * a;
    const citizenPostsPerWeek =
      this.platform === 'facebook' ? (spec.secondary ? 0.1 : 0.35 * a) : this.platform === 'x' ? 0.5 * a : 0;
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
    const { items } = this;
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
      else if (this.platform === 'facebook' && it.kind === 'comment' && post.chance(it.textKind === 'complaint' ? 0.08 : 0.015))
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
    const text = this.fill(tpl.text, lang, null, null);
    const followers = spec.followersAtStart;
    const kindFactor = kind === 'smalltalk' ? 3 : kind === 'crisis' ? 2 : kind === 'job' ? 0.7 : 1;
    const likes = Math.round(rng.logNormal(followers * 0.006 * kindFactor + 2, 0.8));
    const post = this.add({
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
      title: this.platform === 'youtube' ? this.fill(tpl.title, lang, null, null) : null,
      likes,
      shares: kind === 'crisis' || kind === 'event' || kind === 'job' ? Math.round(likes * rng.next() * 0.3) : Math.round(likes * rng.next() * 0.05),
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
    const platformFactor = this.platform === 'facebook' ? (spec.secondary ? 0.5 : 1) : this.platform === 'x' ? 0.5 : 0.7;
    const mean = COMMENTS_PER_POST[kind] * platformFactor * Math.sqrt(spec.activity) * (0.6 + 0.8 * rng.next());
    const nBranches = rng.poisson(mean);
    let previousOpening = 0;
    for (let i = 0; i < nBranches; i++) {
      let t0 = t + Math.round(2 * MIN + Math.min(rng.logNormal(90 * MIN, 1.4), 12 * DAY));
      const edge = rng.next();
      if (edge < 0.03) t0 = nextOsloWeekStart(osloWeekStart(t0)) - rng.int(1, 40) * 1000; // Sunday 23:59:xx
      else if (edge < 0.06 && previousOpening > 0) t0 = previousOpening; // same second as another branch
      previousOpening = t0;
      this.conversation({ root: post, top: null, lastTime: t }, t0, rng.weighted(OPENING_MIX[kind]));
    }
  }

  private citizenPost(t: number): void {
    const { rng } = this;
    const author = this.citizenAuthor();
    const lang = this.commentLang();
    const kind = rng.weighted<CommentKind>([['question', 45], ['request', 15], ['complaint', 20], ['praise', 20]]);
    const tpl = this.template(kind, lang);
    const opening = rng.pick(CITIZEN_POST_OPENINGS[lang]);
    let text = this.fill(opening + lowerFirst(tpl.text, opening), lang, author, null);
    if (this.platform === 'x') text = `@${this.spec.account.handle} ${text}`;
    const root = this.add({
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
    });
    if (!root) return;
    const branch: Branch = { root, top: root, lastTime: t };
    const turn: Turn = { first: root, last: root, author, kind, needsAnswer: tpl.needsAnswer, pii: hasPii(tpl.text) };
    this.ownerRounds(branch, turn);
  }

  // ── conversations ──

  /** One branch under a broadcast post: an opening turn, maybe a resident reply, then owner rounds. */
  private conversation(branch: Branch, t0: number, kind: CommentKind): void {
    const { rng } = this;
    const author = this.citizenAuthor();
    const turn = this.turn(branch, author, kind, t0, null);
    if (!turn) return;
    if (rng.chance(turn.needsAnswer ? 0.18 : 0.08)) {
      const other = this.citizenAuthor(author);
      const replyKind: CommentKind = rng.chance(0.7) ? 'resident_reply' : 'resident_question';
      this.comment(branch, turn.first, other, turn.last.createdAt + Math.round(2 * MIN + rng.exp(3 * HOUR)), this.template(replyKind, this.commentLang()), author);
    }
    this.ownerRounds(branch, turn);
  }

  /** A resident's turn: usually one item; sometimes "Hei" / the question / "?" in a row. */
  private turn(branch: Branch, author: Author, kind: CommentKind, t: number, target: SimItem | null): Turn | null {
    const { rng } = this;
    const lang = this.commentLang();
    const tpl = this.template(kind, lang);
    let first: SimItem | null = null;
    let last: SimItem | null = null;
    if (tpl.needsAnswer && (kind === 'question' || kind === 'request') && rng.chance(0.12)) {
      first = this.comment(branch, target, author, t, this.template('greeting', lang), null);
      if (!first) return null;
      t += rng.int(20, 240) * 1000;
    }
    const main = this.comment(branch, first ?? target, author, t, tpl, null);
    if (!main) return first ? { first, last: first, author, kind: 'greeting', needsAnswer: false, pii: false } : null;
    first ??= main;
    last = main;
    if (tpl.needsAnswer && rng.chance(0.1)) {
      const nudge = this.comment(branch, main, author, main.createdAt + Math.round(10 * MIN + rng.exp(6 * HOUR)), this.template('nudge', lang), null);
      if (nudge) last = nudge;
    }
    return { first, last, author, kind, needsAnswer: tpl.needsAnswer, pii: hasPii(tpl.text) };
  }

  /** Owner replies (or not), resident follow-ups, and further rounds. */
  private ownerRounds(branch: Branch, opening: Turn): void {
    const { rng, spec } = this;
    let turn = opening;
    for (let round = 0; round < 4; round++) {
      if (!rng.chance(this.replyProbability(turn))) return;
      const responder = this.otherResponders.length && rng.chance(spec.secondary ? 0.1 : 0.25) ? rng.pick(this.otherResponders) : this.owner;
      const replyKind: OwnerReplyKind = turn.pii && rng.chance(0.5)
        ? 'privacy'
        : turn.kind === 'question' || turn.kind === 'nudge'
          ? 'answer'
          : turn.kind === 'request' || turn.kind === 'complaint'
            ? rng.chance(0.5) ? 'forward' : 'answer'
            : 'thanks';
      const lang = turn.first.lang;
      const candidates = OWNER_REPLY_TEMPLATES.filter((o) => o.kind === replyKind && o.lang === lang);
      const tpl = rng.pick(candidates.length ? candidates : OWNER_REPLY_TEMPLATES.filter((o) => o.kind === replyKind && o.lang === 'nb'));
      const reply = this.comment(branch, turn.last, responder, this.replyTime(turn.first.createdAt), { kind: 'statement', needsAnswer: false, lang, text: tpl.text }, turn.author);
      if (!reply) return;
      if (!rng.chance(round === 0 ? 0.35 : 0.2)) return;
      const t = reply.createdAt + Math.round(3 * MIN + rng.exp(2 * HOUR));
      if (rng.chance(0.7)) {
        this.comment(branch, reply, turn.author, t, this.template('thanks', turn.first.lang), responder);
        return;
      }
      const next = this.turn(branch, turn.author, 'question', t, reply);
      if (!next) return;
      turn = next;
    }
  }

  private replyProbability(turn: Turn): number {
    const base = this.spec.municipality.responseRate * (this.platform === 'x' ? 0.8 : this.platform === 'youtube' ? 0.55 : 1);
    if (turn.needsAnswer) return base;
    switch (turn.kind) {
      case 'complaint':
        return base * 0.4;
      case 'praise':
        return 0.1;
      case 'statement':
        return 0.05;
      default:
        return 0.01;
    }
  }

  /** Skewed delays: within minutes in office hours, the next office day, days later, or after more than 7 days. */
  private replyTime(asked: number): number {
    const { rng } = this;
    const fast = this.spec.municipality.fastShare;
    const r = rng.next();
    if (r < fast) return nextOfficeTime(asked) + Math.round(Math.min(rng.logNormal(20 * MIN, 0.9), 5 * HOUR));
    if (r < fast + 0.28) return nextOfficeTime(asked + 16 * HOUR) + rng.int(0, 6 * 60) * MIN;
    if (r < fast + 0.42) return nextOfficeTime(asked + rng.int(1, 6) * DAY) + rng.int(0, 5 * 60) * MIN;
    return asked + Math.round((7.5 + rng.next() * 12) * DAY);
  }

  /**
   * Adds a comment in `branch` replying to `target` (null: a new comment directly under the root). The
   * parent follows each platform's threading: YouTube has one reply level, X replies to the tweet answered,
   * Facebook replies either to the branch's first comment or to the comment answered.
   */
  private comment(branch: Branch, target: SimItem | null, author: Author, t: number, tpl: CommentTemplate, addressee: Author | null): SimItem | null {
    const { rng } = this;
    const { root } = branch;
    let parent: SimItem;
    if (!target || !branch.top) parent = branch.top ?? root;
    else if (this.platform === 'youtube') parent = branch.top;
    else if (this.platform === 'x') parent = target;
    else parent = rng.chance(0.5) ? target : branch.top;
    const createdAt = Math.max(Math.round(t), branch.lastTime + 30_000, parent.createdAt + 30_000);
    const named = addressee?.citizen ?? null;
    let text = this.fill(tpl.text, tpl.lang, author, named);
    let textBefore: string | null = null;
    let editedAt: number | null = null;
    if (author.role === 'citizen' && rng.chance(0.15) && /\p{L}{5,}/u.test(text)) {
      const typoText = typo(text, rng);
      if (this.platform !== 'x' && rng.chance(0.35)) {
        textBefore = typoText;
        editedAt = seconds(createdAt + MIN + rng.exp(30 * MIN));
      } else text = typoText;
    }
    if (this.platform === 'x') text = `${this.xMentions(author, parent)}${text}`;
    else if (this.platform === 'youtube' && parent !== root && parent.authorHandle && rng.chance(0.6)) text = `${parent.authorHandle} ${text}`;
    const item = this.add({
      kind: 'comment',
      parentId: parent.id,
      root,
      branchId: root.authorRole === 'citizen' ? root.id : (branch.top ?? null),
      depth: parent.depth + 1,
      author,
      createdAt,
      text,
      needsAnswer: author.role === 'citizen' && tpl.needsAnswer,
      textKind: tpl.kind,
      lang: tpl.lang,
      postKind: null,
      title: null,
      likes: Math.floor(rng.logNormal(0.8, 1.1)),
      shares: 0,
      views: rng.int(5, 300),
      growthHours: rng.logNormal(4, 0.6),
      commentsDisabled: false,
      inReplyToUserId: this.platform === 'x' ? parent.authorId : null,
    });
    if (!item) return null;
    if (textBefore !== null) {
      item.textBefore = textBefore;
      item.editedAt = editedAt;
    }
    branch.top ??= item;
    branch.lastTime = item.createdAt;
    return item;
  }

  private xMentions(author: Author, parent: SimItem): string {
    const handles: string[] = [];
    if (parent.authorHandle && parent.authorId !== author.id) handles.push(`@${parent.authorHandle}`);
    const own = `@${this.spec.account.handle}`;
    if (author.role === 'citizen' && !handles.includes(own)) handles.push(own);
    return handles.length ? `${handles.join(' ')} ` : '';
  }

  private add(p: {
    kind: 'post' | 'comment';
    parentId: string | null;
    root: SimItem | null;
    branchId: SimItem | string | null;
    depth: number;
    author: Author;
    createdAt: number;
    text: string;
    needsAnswer: boolean;
    textKind: string;
    lang: Lang;
    postKind: PostKind | null;
    title: string | null;
    likes: number;
    shares: number;
    views: number;
    growthHours: number;
    commentsDisabled: boolean;
    inReplyToUserId?: string | null;
  }): SimItem | null {
    // Platforms report whole seconds.
    p.createdAt = Math.floor(p.createdAt / 1000) * 1000;
    if (p.createdAt > this.endMs) return null;
    const id = this.newId(p.kind, p.root, p.parentId, p.createdAt);
    const branchId = p.branchId === null ? id : typeof p.branchId === 'string' ? p.branchId : p.branchId.id;
    const item: SimItem = {
      id,
      platform: this.platform,
      accountId: this.spec.account.externalId,
      kind: p.kind,
      parentId: p.parentId,
      rootId: p.root?.id ?? id,
      branchId: p.kind === 'post' ? id : branchId,
      depth: p.depth,
      authorRole: p.author.role,
      authorId: p.author.id,
      authorName: p.author.name,
      authorHandle: p.author.handle,
      createdAt: p.createdAt,
      editedAt: null,
      deletedAt: null,
      hiddenAt: null,
      text: p.text,
      textBefore: null,
      needsAnswer: p.needsAnswer,
      textKind: p.textKind,
      lang: p.lang,
      postKind: p.postKind,
      title: p.title,
      likes: p.likes,
      shares: p.shares,
      views: p.views,
      growthHours: p.growthHours,
      commentsDisabled: p.commentsDisabled,
      inReplyToUserId: p.inReplyToUserId ?? null,
      seq: this.seq++,
    };
    this.items.push(item);
    return item;
  }

  private newId(kind: 'post' | 'comment', root: SimItem | null, parentId: string | null, createdAt: number): string {
    const { rng, spec } = this;
    for (;;) {
      let id: string;
      if (this.platform === 'facebook') {
        if (kind === 'post') id = `${spec.account.externalId}_${fbPostNumber(spec.idPrefix, this.postSeq++, rng)}`;
        else id = `${root?.id.split('_')[1] ?? ''}_${fbCommentNumber(this.commentSeq++, rng)}`;
      } else if (this.platform === 'youtube') {
        if (kind === 'post') id = ytVideoId(spec.idPrefix, rng);
        else if (!root || parentId === root.id) id = ytThreadId(spec.idPrefix, rng);
        else id = ytReplyId(parentId ?? '', rng);
      } else id = snowflake(createdAt, spec.platformIndex, this.seq + rng.int(0, 4095));
      if (!this.ids.has(id)) {
        this.ids.add(id);
        return id;
      }
    }
  }

  // ── authors and text ──

  private citizenAuthor(not?: Author): Author {
    const { rng, pool } = this;
    for (;;) {
      // Squaring skews towards the start of the pool: a few residents write often, many write once.
      const c = pool[Math.floor(pool.length * rng.next() ** 2)] ?? pool[0];
      if (!c) throw new Error('empty citizen pool');
      if (not && not.citizen === c) continue;
      switch (this.platform) {
        case 'facebook':
          return { role: 'citizen', id: c.facebookId, name: c.name, handle: '', citizen: c };
        case 'youtube':
          return { role: 'citizen', id: c.youtubeChannelId, name: c.youtubeHandle, handle: c.youtubeHandle, citizen: c };
        case 'x':
          return { role: 'citizen', id: c.xId, name: c.name, handle: c.xUsername, citizen: c };
      }
    }
  }

  private commentLang(): Lang {
    const m = this.spec.municipality;
    const r = this.rng.next();
    if (r < m.englishShare) return 'en';
    return this.rng.chance(m.nynorskShare) ? 'nn' : 'nb';
  }

  private template(kind: CommentKind, lang: Lang): CommentTemplate {
    const list = templatesByKindLang.get(`${kind}:${lang}`) ?? templatesByKindLang.get(`${kind}:nb`);
    if (!list) throw new Error(`no template for ${kind}`);
    return this.rng.pick(list);
  }

  private fill(text: string, lang: Lang, author: Author | null, named: Citizen | null): string {
    if (!text.includes('{')) return text;
    const { rng } = this;
    const m = this.spec.municipality;
    return text.replace(/\{(\w+)\}/g, (_, slot: string) => {
      switch (slot) {
        case 'facility':
          return rng.pick(FACILITIES[lang]);
        case 'Facility':
          return upperFirst(rng.pick(FACILITIES[lang]));
        case 'place':
          return rng.pick(PLACES);
        case 'name':
          return (named ?? rng.pick(this.pool)).name;
        case 'first':
          return named?.first ?? author?.citizen?.first ?? '';
        case 'kommune':
          return m.name;
        case 'kslug':
          return m.slug;
        case 'day':
          return rng.pick(DAYS[lang]);
        case 'fnr':
          // Same draws as before (worlds stay as they were), with valid check digits in the last two places.
          return fnrWithCheckDigits(
            `${String(rng.int(1, 28)).padStart(2, '0')}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(0, 99)).padStart(2, '0')}`,
            Number(rng.digits(5).slice(0, 3)),
          );
        case 'phone': {
          const n = `${rng.pick(['9', '4'])}${rng.digits(7).slice(1)}${rng.int(0, 9)}`;
          return rng.pick([`${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5)}`, n, `+47 ${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5)}`]);
        }
        case 'email': {
          const who = author?.citizen?.name ?? rng.pick(this.pool).name;
          return `${who.toLowerCase().replace(/\s+/g, '.').replaceAll('ø', 'o').replaceAll('å', 'a').replaceAll('æ', 'ae')}@${rng.pick(['gmail.com', 'hotmail.com', 'online.no', 'outlook.com'])}`;
        }
        default:
          return `{${slot}}`;
      }
    });
  }
}

function ownerAuthor(spec: AccountSpec): Author {
  const a = spec.account;
  return {
    role: 'owner',
    id: a.externalId,
    name: a.platform === 'youtube' ? a.handle : a.name,
    handle: a.platform === 'facebook' ? '' : a.handle,
    citizen: null,
  };
}

const seconds = (ms: number): number => Math.floor(ms / 1000) * 1000;

function hasPii(template: string): boolean {
  return /\{(fnr|phone|email)\}/.test(template);
}

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function lowerFirst(s: string, opening: string): string {
  if (!opening || /^(@|\{|[A-ZÆØÅ]{2})/.test(s)) return s;
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** One realistic slip: swapped letters, a dropped letter, no capital, or æøå written as ae/o/aa. */
function typo(text: string, rng: Rng): string {
  const words = text.split(' ');
  const candidates = words.map((w, i) => [w, i] as const).filter(([w]) => /^\p{L}{5,}$/u.test(w));
  const choice = rng.int(0, 3);
  if (choice === 0 && /[æøå]/.test(text)) return text.replaceAll('æ', 'ae').replaceAll('ø', 'o').replaceAll('å', 'aa');
  if (choice === 1 && /^\p{Lu}/u.test(text)) return text.charAt(0).toLowerCase() + text.slice(1);
  const picked = candidates.length ? rng.pick(candidates) : null;
  if (!picked) return text.toLowerCase();
  const [w, i] = picked;
  const k = rng.int(1, w.length - 2);
  words[i] = choice === 2 ? w.slice(0, k) + w.charAt(k + 1) + w.charAt(k) + w.slice(k + 2) : w.slice(0, k) + w.slice(k + 1);
  return words.join(' ');
}
