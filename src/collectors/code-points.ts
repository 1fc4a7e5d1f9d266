/**
 * Code points around an index of a UTF-16 string, as a unicode-mode regex sees them: what a lookbehind or
 * lookahead of `[\p{L}…]` tests, for the indexOf scans that replaced per-text patterns (scrub.ts, x/normalise.ts).
 */

export const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
export const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** The code point that ends right before index i ('' at the start); a lone surrogate is its own code point. */
export const codePointBefore = (s: string, i: number): string =>
  i === 0
    ? ''
    : i >= 2 && isLowSurrogate(s.charCodeAt(i - 1)) && isHighSurrogate(s.charCodeAt(i - 2))
      ? s.slice(i - 2, i)
      : s.slice(i - 1, i);

/** The code point that starts at index i ('' at the end). */
export const codePointAt = (s: string, i: number): string => (i >= s.length ? '' : String.fromCodePoint(s.codePointAt(i) ?? 0));
