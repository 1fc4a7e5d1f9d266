import { redactPersonalData } from '../privacy/redact.js';

/** Placeholder for a resident's name or handle that appeared in text. */
export const NAME_PLACEHOLDER = '[navn]';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Removes resident names and handles from text: each given name (an @-tag, a display name, a handle seen on
 * the same page) is replaced by `[navn]` (`@[navn]` when written as a mention). Citizen text is also passed
 * through redactPersonalData (fødselsnummer, phone numbers, e-mail addresses). Names shorter than 3 characters
 * are not replaced on their own (they would mangle ordinary words).
 */
export function scrubText(text: string, names: Iterable<string>, role: 'owner' | 'citizen'): string {
  let out = text;
  const list = [...new Set([...names].map((n) => n.trim()).filter((n) => n.length >= 3))].sort((a, b) => b.length - a.length);
  for (const n of list) {
    const bare = n.replace(/^@/, '');
    out = out.replace(new RegExp(`@${escape(bare)}(?![\\p{L}\\p{N}_])`, 'gu'), `@${NAME_PLACEHOLDER}`);
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}_])${escape(bare)}(?![\\p{L}\\p{N}_])`, 'gu'), NAME_PLACEHOLDER);
  }
  return role === 'citizen' ? redactPersonalData(out) : out;
}
