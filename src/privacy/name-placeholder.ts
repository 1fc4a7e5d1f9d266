/** What a resident's name in text is replaced with before storage. */
export const NAME_PLACEHOLDER = '[navn]';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const count = (s: string) => s.split(NAME_PLACEHOLDER).length - 1;

function covers(withPlaceholders: string, other: string): boolean {
  if (!withPlaceholders.includes(NAME_PLACEHOLDER)) return false;
  // A placeholder stands for a name or an @-handle (letters, digits, `_`: "@beboer6_nord"), or for a name partly
  // scrubbed already ("[navn] Jakobsen").
  const pattern = withPlaceholders
    .split(NAME_PLACEHOLDER)
    .map(escape)
    .join(`(?:[\\p{L}\\p{M}\\p{N}_'’ .-]|${escape(NAME_PLACEHOLDER)}){1,80}?`);
  return new RegExp(`^${pattern}$`, 'su').test(other);
}

/**
 * Whether two versions of one text differ only in which names were replaced by the placeholder. Name
 * scrubbing depends on what else was read with the item (names seen in the thread), so the same unedited
 * comment can come out scrubbed differently on two reads; that is not an edit.
 */
export function sameUpToNames(a: string, b: string): boolean {
  return a === b || covers(a, b) || covers(b, a);
}

/** Of two versions that are the same up to names, the one that hides more of them (never un-scrub). */
export function moreScrubbed(a: string, b: string): string {
  if (covers(a, b)) return a;
  if (covers(b, a)) return b;
  return count(b) > count(a) ? b : a;
}
