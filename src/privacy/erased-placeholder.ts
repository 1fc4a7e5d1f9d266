import { createHash } from 'node:crypto';

/** Prefix of every placeholder id: no platform id starts with it. */
const ERASED_PREFIX = 'erased:';

/**
 * The id that stands in for an erased item wherever others' items refer to it (parent, root, branch): a
 * one-way hash of the platform and the item's id, the same on every re-read, so replies to one erased comment
 * stay siblings under one placeholder and a reply read later is recognised. It cannot be turned back into the
 * platform id; someone who already knows a comment id can test whether it was erased (docs/privacy.md).
 */
export function erasedPlaceholder(platform: string, externalId: string): string {
  return ERASED_PREFIX + createHash('sha256').update(`erased-item:${platform}:${externalId}`).digest('base64url').slice(0, 27);
}
