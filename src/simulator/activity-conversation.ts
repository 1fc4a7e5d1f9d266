import { HOUR, MIN, seconds, type ActivityContext, type Author, type Branch, type Turn } from './activity-context.js';
import { simTopicsOf } from './topic-labels.js';
import { citizenAuthor, commentLang, fill, hasPii, template, typo } from './activity-text.js';
import { DAY, nextOfficeTime } from './oslo.js';
import { OWNER_REPLY_TEMPLATES, type CommentKind, type CommentTemplate, type OwnerReplyKind } from './texts.js';
import type { SimItem } from './world.js';

/** Conversations in a branch: residents' turns, owner replies after skewed delays, follow-ups; threading per platform. */

/** One branch under a broadcast post: an opening turn, maybe a resident reply, then owner rounds. */
export function conversation(g: ActivityContext, branch: Branch, t0: number, kind: CommentKind): void {
  const { rng } = g;
  const author = citizenAuthor(g);
  const opening = turn(g, branch, author, kind, t0, null);
  if (!opening) return;
  if (rng.chance(opening.needsAnswer ? 0.18 : 0.08)) {
    const other = citizenAuthor(g, author);
    const replyKind: CommentKind = rng.chance(0.7) ? 'resident_reply' : 'resident_question';
    comment(
      g,
      branch,
      opening.first,
      other,
      opening.last.createdAt + Math.round(2 * MIN + rng.exp(3 * HOUR)),
      template(g, replyKind, commentLang(g)),
      author,
    );
  }
  ownerRounds(g, branch, opening);
}

/** A resident's turn: usually one item; sometimes "Hei" / the question / "?" in a row. */
function turn(g: ActivityContext, branch: Branch, author: Author, kind: CommentKind, t: number, target: SimItem | null): Turn | null {
  const { rng } = g;
  const lang = commentLang(g);
  const tpl = template(g, kind, lang);
  let first: SimItem | null = null;
  let last: SimItem | null = null;
  if (tpl.needsAnswer && (kind === 'question' || kind === 'request') && rng.chance(0.12)) {
    first = comment(g, branch, target, author, t, template(g, 'greeting', lang), null);
    if (!first) return null;
    t += rng.int(20, 240) * 1000;
  }
  const main = comment(g, branch, first ?? target, author, t, tpl, null);
  if (!main) return first ? { first, last: first, author, kind: 'greeting', needsAnswer: false, pii: false } : null;
  first ??= main;
  last = main;
  if (tpl.needsAnswer && rng.chance(0.1)) {
    const nudge = comment(
      g,
      branch,
      main,
      author,
      main.createdAt + Math.round(10 * MIN + rng.exp(6 * HOUR)),
      template(g, 'nudge', lang),
      null,
    );
    if (nudge) last = nudge;
  }
  return { first, last, author, kind, needsAnswer: tpl.needsAnswer, pii: hasPii(tpl.text) };
}

/** Owner replies (or not), resident follow-ups, and further rounds. */
export function ownerRounds(g: ActivityContext, branch: Branch, opening: Turn): void {
  const { rng, spec } = g;
  let current = opening;
  for (let round = 0; round < 4; round++) {
    if (!rng.chance(replyProbability(g, current))) return;
    const responder = g.otherResponders.length && rng.chance(spec.secondary ? 0.1 : 0.25) ? rng.pick(g.otherResponders) : g.owner;
    const replyKind: OwnerReplyKind =
      current.pii && rng.chance(0.5)
        ? 'privacy'
        : current.kind === 'question' || current.kind === 'nudge'
          ? 'answer'
          : current.kind === 'request' || current.kind === 'complaint'
            ? rng.chance(0.5)
              ? 'forward'
              : 'answer'
            : 'thanks';
    const lang = current.first.lang;
    const candidates = OWNER_REPLY_TEMPLATES.filter((o) => o.kind === replyKind && o.lang === lang);
    const tpl = rng.pick(candidates.length ? candidates : OWNER_REPLY_TEMPLATES.filter((o) => o.kind === replyKind && o.lang === 'nb'));
    const reply = comment(
      g,
      branch,
      current.last,
      responder,
      replyTime(g, current.first.createdAt),
      { kind: 'statement', needsAnswer: false, lang, text: tpl.text },
      current.author,
    );
    if (!reply) return;
    if (!rng.chance(round === 0 ? 0.35 : 0.2)) return;
    const t = reply.createdAt + Math.round(3 * MIN + rng.exp(2 * HOUR));
    if (rng.chance(0.7)) {
      comment(g, branch, reply, current.author, t, template(g, 'thanks', current.first.lang), responder);
      return;
    }
    const next = turn(g, branch, current.author, 'question', t, reply);
    if (!next) return;
    current = next;
  }
}

function replyProbability(g: ActivityContext, t: Turn): number {
  const base =
    g.spec.municipality.responseRate *
    (g.platform === 'x' || g.platform === 'bluesky' ? 0.8 : g.platform === 'youtube' ? 0.55 : g.platform === 'instagram' ? 0.7 : 1);
  if (t.needsAnswer) return base;
  switch (t.kind) {
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
function replyTime(g: ActivityContext, asked: number): number {
  const { rng } = g;
  const fast = g.spec.municipality.fastShare;
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
function comment(
  g: ActivityContext,
  branch: Branch,
  target: SimItem | null,
  author: Author,
  t: number,
  tpl: CommentTemplate,
  addressee: Author | null,
): SimItem | null {
  const { rng } = g;
  const { root } = branch;
  let parent: SimItem;
  if (!target || !branch.top) parent = branch.top ?? root;
  // Instagram, like YouTube, has one reply level: a reply to a reply attaches to the top-level comment.
  else if (g.platform === 'youtube' || g.platform === 'instagram') parent = branch.top;
  else if (g.platform === 'x' || g.platform === 'bluesky') parent = target;
  else parent = rng.chance(0.5) ? target : branch.top;
  const createdAt = Math.max(Math.round(t), branch.lastTime + 30_000, parent.createdAt + 30_000);
  const named = addressee?.citizen ?? null;
  let text = fill(g, tpl.text, tpl.lang, author, named);
  const topics = author.role === 'citizen' ? simTopicsOf(tpl.text, text) : [];
  let textBefore: string | null = null;
  let editedAt: number | null = null;
  if (author.role === 'citizen' && rng.chance(0.15) && /\p{L}{5,}/u.test(text)) {
    const typoText = typo(text, rng);
    // X posts, Instagram comments and Bluesky posts cannot be edited in place (an X edit is a new version; Bluesky has no edits).
    if (g.platform !== 'x' && g.platform !== 'instagram' && g.platform !== 'bluesky' && rng.chance(0.35)) {
      textBefore = typoText;
      editedAt = seconds(createdAt + MIN + rng.exp(30 * MIN));
    } else text = typoText;
  }
  if (g.platform === 'x') text = `${xMentions(g, author, parent)}${text}`;
  else if (g.platform === 'youtube' && parent !== root && parent.authorHandle && rng.chance(0.6)) text = `${parent.authorHandle} ${text}`;
  // Bluesky clients mention the resident answered (a facet in the record) when it is not the thread's owner.
  else if (
    g.platform === 'bluesky' &&
    parent !== root &&
    parent.authorRole === 'citizen' &&
    parent.authorId !== author.id &&
    rng.chance(0.5)
  )
    text = `@${parent.authorHandle} ${text}`;
  else if (g.platform === 'instagram') text = `${igMention(g, author, target, root)}${text}`;
  const item = g.writer.add({
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
    inReplyToUserId: g.platform === 'x' ? parent.authorId : null,
    topics,
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

function xMentions(g: ActivityContext, author: Author, parent: SimItem): string {
  const handles: string[] = [];
  if (parent.authorHandle && parent.authorId !== author.id) handles.push(`@${parent.authorHandle}`);
  const own = `@${g.spec.account.handle}`;
  if (author.role === 'citizen' && !handles.includes(own)) handles.push(own);
  return handles.length ? `${handles.join(' ')} ` : '';
}

/** Instagram replies @-mention whom they answer (the app fills it in); a resident sometimes tags the account. */
function igMention(g: ActivityContext, author: Author, target: SimItem | null, root: SimItem): string {
  if (target && target !== root && target.authorHandle && target.authorId !== author.id && g.rng.chance(0.75))
    return `@${target.authorHandle} `;
  if (author.role === 'citizen' && !target && g.rng.chance(0.08)) return `@${g.spec.account.handle} `;
  return '';
}
