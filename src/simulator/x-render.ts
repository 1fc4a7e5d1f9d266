import { followersAt, likesAt, sharesAt, viewsAt } from './engagement.js';
import { encodeCursor, isoMillis, type HandlerCtx, type Position } from './exchange.js';
import type { Fields } from './x-params.js';
import type { AccountData, AccountSpec, SimItem, World } from './world.js';

/** Renders tweets, users and response envelopes (includes, meta) as X API v2 returns them. */

export const xTime = (ms: number): string => isoMillis(ms);

/** A word character of an X username: [A-Za-z0-9_]. */
function isUsernameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * `entities.mentions` of a text: what /@([A-Za-z0-9_]{1,15})/g finds, with UTF-16 offsets, scanned by hand (the
 * regex iterator costs more than the tweet it is for).
 */
export function mentionEntities(text: string): { start: number; end: number; username: string }[] {
  const out: { start: number; end: number; username: string }[] = [];
  let at = text.indexOf('@');
  while (at >= 0) {
    let end = at + 1;
    while (end < text.length && end - at <= 15 && isUsernameChar(text.charCodeAt(end))) end++;
    if (end > at + 1) out.push({ start: at, end, username: text.slice(at + 1, end) });
    at = text.indexOf('@', end > at + 1 ? end : at + 1);
  }
  return out;
}

export class Renderer {
  constructor(
    private readonly ctx: HandlerCtx,
    private readonly f: Fields,
  ) {}

  tweet(data: AccountData, it: SimItem): Record<string, unknown> {
    const out: Record<string, unknown> = { id: it.id, text: it.text, edit_history_tweet_ids: [it.id] };
    const parent = it.parentId ? data.byId.get(it.parentId) : undefined;
    for (const name of this.f.tweet) {
      switch (name) {
        case 'author_id':
          out.author_id = it.authorId;
          break;
        case 'created_at':
          out.created_at = xTime(it.createdAt);
          break;
        case 'conversation_id':
          out.conversation_id = it.rootId;
          break;
        case 'in_reply_to_user_id':
          if (it.inReplyToUserId) out.in_reply_to_user_id = it.inReplyToUserId;
          break;
        case 'referenced_tweets':
          if (parent) out.referenced_tweets = [{ type: 'replied_to', id: parent.id }];
          break;
        case 'lang':
          out.lang = it.lang === 'en' ? 'en' : 'no';
          break;
        case 'reply_settings':
          out.reply_settings = 'everyone';
          break;
        case 'possibly_sensitive':
          out.possibly_sensitive = false;
          break;
        case 'edit_controls':
          out.edit_controls = { edits_remaining: 5, is_edit_eligible: false, editable_until: xTime(it.createdAt + 3_600_000) };
          break;
        case 'source':
          out.source = it.authorRole === 'owner' ? 'X Web App' : 'X for iPhone';
          break;
        case 'entities': {
          const mentions = mentionEntities(it.text);
          if (mentions.length) out.entities = { mentions };
          break;
        }
        case 'public_metrics': {
          const shares = sharesAt(it, this.ctx.now);
          const likes = likesAt(it, this.ctx.now);
          let replies = 0;
          for (const c of data.children.get(it.id) ?? []) if (this.ctx.visible(c)) replies++;
          out.public_metrics = {
            retweet_count: shares,
            reply_count: replies,
            like_count: likes,
            quote_count: Math.floor(shares / 10),
            bookmark_count: Math.floor(likes / 20),
            impression_count: viewsAt(it, this.ctx.now),
          };
          break;
        }
      }
    }
    return out;
  }

  accountUser(spec: AccountSpec): Record<string, unknown> {
    const a = spec.account;
    const out: Record<string, unknown> = { id: a.externalId, name: a.name, username: a.handle };
    for (const name of this.f.user) {
      switch (name) {
        case 'created_at':
          out.created_at = xTime(spec.createdAtMs);
          break;
        case 'description':
          out.description = `Offisiell konto for ${spec.municipality.name} kommune. Vi svarer på hverdager 08–15.45.`;
          break;
        case 'location':
          out.location = `${spec.municipality.name}, Norge`;
          break;
        case 'profile_image_url':
          out.profile_image_url = `https://pbs.twimg.com/profile_images/${a.externalId}/logo_normal.jpg`;
          break;
        case 'protected':
          out.protected = false;
          break;
        case 'url':
          out.url = `https://t.co/${a.handle.slice(0, 10)}`;
          break;
        case 'verified':
          out.verified = false;
          break;
        case 'verified_type':
          out.verified_type = 'government';
          break;
        case 'public_metrics': {
          const data = this.ctx.world.data(a.externalId);
          out.public_metrics = {
            followers_count: followersAt(spec, this.ctx.world.startMs, this.ctx.now),
            following_count: 40 + (spec.followersAtStart % 200),
            tweet_count: data.items.filter((i) => i.authorId === a.externalId && i.createdAt <= this.ctx.now).length,
            listed_count: Math.floor(spec.followersAtStart / 150),
            like_count: 0,
            media_count: 0,
          };
          break;
        }
      }
    }
    return out;
  }

  /** A user object for an author seen in a tweet (residents are only known through their tweets). */
  authorUser(world: World, it: SimItem): Record<string, unknown> {
    const spec = world.spec(it.authorId);
    if (spec) return this.accountUser(spec);
    return { id: it.authorId, name: it.authorName, username: it.authorHandle };
  }

  /** `{data, includes, meta}` for a list of tweets. */
  envelope(
    world: World,
    tweets: { data: AccountData; it: SimItem }[],
    meta: Record<string, unknown> | null,
    errors: unknown[] = [],
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (tweets.length) out.data = tweets.map((t) => this.tweet(t.data, t.it));
    const users = new Map<string, Record<string, unknown>>();
    const refTweets: Record<string, unknown>[] = [];
    for (const { data, it } of tweets) {
      if (this.f.expansions.includes('author_id') && !users.has(it.authorId)) users.set(it.authorId, this.authorUser(world, it));
      const parent = it.parentId ? data.byId.get(it.parentId) : undefined;
      if (this.f.expansions.includes('in_reply_to_user_id') && parent && !users.has(parent.authorId))
        users.set(parent.authorId, this.authorUser(world, parent));
      if (this.f.expansions.includes('referenced_tweets.id') && parent && this.ctx.visible(parent))
        refTweets.push(this.tweet(data, parent));
    }
    if (users.size || refTweets.length) {
      const includes: Record<string, unknown> = {};
      if (users.size) includes.users = [...users.values()];
      if (refTweets.length) includes.tweets = refTweets;
      out.includes = includes;
    }
    if (errors.length) out.errors = errors;
    if (meta) out.meta = meta;
    return out;
  }
}

export function timelineMeta(items: SimItem[], next: Position | null, hadToken: boolean, first: Position | null): Record<string, unknown> {
  const meta: Record<string, unknown> = { result_count: items.length };
  const newest = items[0];
  const oldest = items[items.length - 1];
  if (newest && oldest) {
    meta.newest_id = newest.id;
    meta.oldest_id = oldest.id;
  }
  if (next) meta.next_token = encodeCursor(next);
  if (hadToken && first) meta.previous_token = encodeCursor(first);
  return meta;
}
