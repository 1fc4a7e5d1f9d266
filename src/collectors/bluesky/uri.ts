/**
 * AT-URIs of Bluesky posts (`at://{did}/app.bsky.feed.post/{rkey}`, ../shared/reference/platform-apis.md §5.1).
 * A resident's post URI embeds their DID, which is as identifying as their handle: it is stored with the DID
 * replaced by the resident's pseudonym (`at://r_…/app.bsky.feed.post/{rkey}`), in the item's own id and in every
 * parent and root reference, so the same post always gets the same stored id and threads still join up.
 */

const AT_URI = /^at:\/\/([^/]+)\/([^/]+)\/([^/?#]+)$/;

export type AtUri = { authority: string; collection: string; rkey: string };

export function parseAtUri(uri: string): AtUri | null {
  const m = AT_URI.exec(uri);
  if (!m) return null;
  return { authority: m[1] ?? '', collection: m[2] ?? '', rkey: m[3] ?? '' };
}

/** A DID as the AT Protocol writes one (did:plc:…, did:web:…). */
export const isDid = (s: string): boolean => /^did:[a-z]+:[a-zA-Z0-9._:%-]+$/.test(s);

/**
 * The stored id of a post URI: unchanged when its repository is a responder's (a public body), the DID replaced by
 * the resident's pseudonym otherwise. A URI that names its repository by handle instead of DID is not a post URI
 * the AppView returns; it is treated like a resident's (the handle pseudonymised) so that nothing raw is stored.
 */
export function storedUri(uri: string, isResponder: (didOrHandle: string) => boolean, pseudonymise: (did: string) => string): string {
  const p = parseAtUri(uri);
  if (!p) return pseudonymise(uri);
  if (isResponder(p.authority)) return uri;
  return `at://${pseudonymise(p.authority)}/${p.collection}/${p.rkey}`;
}

/** The web address of a responder's post; residents' posts get none (the address would name them). */
export function permalinkOf(uri: string): string | null {
  const p = parseAtUri(uri);
  return p ? `https://bsky.app/profile/${p.authority}/post/${p.rkey}` : null;
}

/** DIDs written out in text (a pasted profile or post link): `did:plc:` + 24 base32 characters (any lower-case letter or digit accepted), or did:web. */
export const DID_IN_TEXT = /did:(?:plc:[a-z0-9]{24}|web:[a-zA-Z0-9.-]+)/g;
