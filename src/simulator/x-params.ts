import { decodeCursor, isPosition, json, type Position, type SimResponse } from './exchange.js';

/** X API v2 request parameters (fields, expansions, max_results, tokens, ids, times) and problem bodies, as the simulator checks them. */

export const PROBLEMS = 'https://api.twitter.com/2/problems';

const TWEET_FIELDS = [
  'article',
  'attachments',
  'author_id',
  'card_uri',
  'community_id',
  'context_annotations',
  'conversation_id',
  'created_at',
  'display_text_range',
  'edit_controls',
  'edit_history_tweet_ids',
  'entities',
  'geo',
  'id',
  'in_reply_to_user_id',
  'lang',
  'media_metadata',
  'non_public_metrics',
  'note_tweet',
  'organic_metrics',
  'possibly_sensitive',
  'promoted_metrics',
  'public_metrics',
  'referenced_tweets',
  'reply_settings',
  'scopes',
  'source',
  'text',
  'withheld',
];
const USER_FIELDS = [
  'affiliation',
  'connection_status',
  'created_at',
  'description',
  'entities',
  'id',
  'location',
  'most_recent_tweet_id',
  'name',
  'pinned_tweet_id',
  'profile_banner_url',
  'profile_image_url',
  'protected',
  'public_metrics',
  'receives_your_dm',
  'subscription_type',
  'url',
  'username',
  'verified',
  'verified_type',
  'withheld',
];
const EXPANSIONS = [
  'article.cover_media',
  'article.media_entities',
  'attachments.media_keys',
  'attachments.media_source_tweet',
  'attachments.poll_ids',
  'author_id',
  'edit_history_tweet_ids',
  'entities.mentions.username',
  'geo.place_id',
  'in_reply_to_user_id',
  'entities.note.mentions.username',
  'referenced_tweets.id',
  'referenced_tweets.id.attachments.media_keys',
  'referenced_tweets.id.author_id',
];

export class XError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(typeof body.detail === 'string' ? body.detail : typeof body.title === 'string' ? body.title : 'error');
  }
}

export const invalid = (param: string, values: string[], message: string): XError =>
  new XError(400, {
    errors: [{ parameters: { [param]: values }, message }],
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: `${PROBLEMS}/invalid-request`,
  });

export const problem = (status: number, title: string, detail = title): SimResponse =>
  json(status, { title, detail, type: 'about:blank', status });

export const notFound = (kind: 'tweet' | 'user', param: string, value: string): Record<string, unknown> => ({
  value,
  detail: `Could not find ${kind} with ${param}: [${value}].`,
  title: 'Not Found Error',
  resource_type: kind,
  parameter: param,
  resource_id: value,
  type: `${PROBLEMS}/resource-not-found`,
});

function list(q: URLSearchParams, names: string[], allowed: readonly string[]): string[] {
  let param = names[0] ?? '';
  let raw: string | null = null;
  for (const n of names) {
    const v = q.get(n);
    if (v !== null) {
      param = n;
      raw = v;
      break;
    }
  }
  if (raw === null) return [];
  const values = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = values.filter((v) => !allowed.includes(v));
  if (bad.length) throw invalid(param, bad, `The \`${param}\` query parameter value [${bad[0]}] is not one of [${allowed.join(',')}]`);
  return values;
}

export function maxResults(q: URLSearchParams, fallback: number, min: number, max: number): number {
  const raw = q.get('max_results');
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw invalid('max_results', [raw], `The \`max_results\` query parameter value [${raw}] is not between ${min} and ${max}`);
  return n;
}

export function token(q: URLSearchParams, names: string[]): Position | null {
  for (const n of names) {
    const raw = q.get(n);
    if (!raw) continue;
    const pos = decodeCursor(raw, isPosition);
    if (!pos) throw invalid(n, [raw], `The \`${n}\` query parameter value [${raw}] is not a valid token`);
    return pos;
  }
  return null;
}

export function idParam(q: URLSearchParams, name: string): bigint | null {
  const raw = q.get(name);
  if (raw === null) return null;
  if (!/^\d{1,19}$/.test(raw)) throw invalid(name, [raw], `The \`${name}\` query parameter value [${raw}] does not match ^[0-9]{1,19}$`);
  return BigInt(raw);
}

export function timeParam(q: URLSearchParams, name: string): number | null {
  const raw = q.get(name);
  if (raw === null) return null;
  const t = Date.parse(raw);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(t))
    throw invalid(name, [raw], `Invalid '${name}':'${raw}'. '${name}' must be a valid ISO 8601 timestamp`);
  return t;
}

export type Fields = { tweet: string[]; user: string[]; expansions: string[] };

export function fieldsOf(q: URLSearchParams): Fields {
  return {
    tweet: list(q, ['tweet.fields', 'post.fields'], TWEET_FIELDS),
    user: list(q, ['user.fields'], USER_FIELDS),
    expansions: list(q, ['expansions'], EXPANSIONS),
  };
}
