import { redactPersonalData } from '../privacy/redact.js';

/** Placeholder for a resident's name or handle that appeared in text. */
import { NAME_PLACEHOLDER } from '../privacy/name-placeholder.js';
import { codePointAt, codePointBefore, isHighSurrogate, isLowSurrogate } from './code-points.js';

export { NAME_PLACEHOLDER };

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The 50 most common surnames in Norway (SSB name statistics) plus a few frequent immigrant surnames. A
 * capitalised word followed by one of these, or by a -sen/-ssen/-son name, is taken for a person's full name.
 */
const COMMON_SURNAMES = [
  'Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Pedersen', 'Nilsen', 'Kristiansen', 'Jensen', 'Karlsen',
  'Johnsen', 'Pettersen', 'Eriksen', 'Berg', 'Haugen', 'Hagen', 'Johannessen', 'Andreassen', 'Jacobsen', 'Dahl',
  'Jørgensen', 'Halvorsen', 'Henriksen', 'Lund', 'Sørensen', 'Jakobsen', 'Moen', 'Gundersen', 'Iversen', 'Strand',
  'Solberg', 'Svendsen', 'Eide', 'Knutsen', 'Martinsen', 'Paulsen', 'Bakken', 'Kristoffersen', 'Mathisen', 'Lie',
  'Rasmussen', 'Amundsen', 'Lunde', 'Kristensen', 'Bakke', 'Berge', 'Moe', 'Nygård', 'Fredriksen', 'Solheim',
  'Holm', 'Vik', 'Aas', 'Myklebust', 'Haugland', 'Kvamme', 'Nordmann', 'Ali', 'Khan', 'Hussain', 'Ahmed', 'Nowak',
  'Kowalski', 'Kowalska', 'Wiśniewski', 'Nguyen', 'Mohammed', 'Abdi', 'Yusuf',
];
const WORD = '\\p{Lu}[\\p{Ll}\\p{Lu}-]+';
const FULL_NAME = new RegExp(
  `(?<![\\p{L}\\p{N}_])@?${WORD}(?:\\s+${WORD})?\\s+(?:${COMMON_SURNAMES.map(escape).join('|')}|\\p{Lu}\\p{Ll}+(?:sen|ssen|son|søn))(?![\\p{L}\\p{N}_])`,
  'gu',
);
/**
 * Literal texts every FULL_NAME (a listed surname, or a -sen/-ssen/-son/-søn name) and every SALUTATION match
 * contains: a text without any skips those patterns, which cost a unicode-class check at every position.
 */
const MAY_HAVE_SURNAME = new RegExp([...COMMON_SURNAMES.map(escape), 'sen', 'son', 'søn'].join('|'));
const MAY_HAVE_GREETING = /Hei|Hallo|Hi|Hello|Dear|Kjære|Takk|Beklager|Sorry/;
/** A capitalised word right after a greeting or apology is the addressee's first name ("Hei Kari!"). */
const SALUTATION = /(?<![\p{L}])(Hei|Heisann|Hallo|Hi|Hello|Dear|Kjære|Takk|Beklager|Sorry)(,?\s+)(\p{Lu}[\p{Ll}-]+)(?=[\s!,.?:;]|$)(?!\s+(?:kommune|kommunen|fylkeskommune|kommunes)\b)/gu;
/**
 * Any @-mention (X, YouTube, Instagram, Mastodon and Bluesky handles: letters, digits, `_`, and `.`/`-` inside),
 * not part of an e-mail address or a longer word. INDICATORS.md, clarification 3 of version 1: a resident's
 * handle is replaced like a name; only the responders' own handles stay.
 */
const MENTION = /(?<![\p{L}\p{N}_.@-])@([\p{L}\p{N}_](?:[\p{L}\p{N}_.-]*[\p{L}\p{N}_])?)/gu;
/** Words that follow a greeting without being a name. */
const NOT_NAMES = new Set(['Alle', 'Alle.', 'Dere', 'Du', 'Og', 'Takk', 'Kommune', 'Kommunen', 'Igjen', 'All', 'Everyone', 'Again', 'For', 'Så']);

/**
 * Removes resident names and handles from text before storage:
 * - each given name (an @-tag, a display name, a handle seen in the same thread) and its first word, as
 *   `[navn]` (`@[navn]` when written as a mention);
 * - any full name that looks like one (a capitalised word before a common Norwegian surname);
 * - the first name after a greeting ("Hei Kari!" → "Hei [navn]!");
 * - every other @-mention but the responders' own handles (`keep`), as `@[navn]`.
 * Citizen text is also passed through redactPersonalData (fødselsnummer, phone numbers, e-mail addresses).
 * Names shorter than 3 characters are not replaced on their own (they would mangle ordinary words).
 */
export function scrubText(text: string, names: Iterable<string>, role: 'owner' | 'citizen', keep: Iterable<string> = []): string {
  return makeScrubber(names, keep)(text, role);
}

/**
 * scrubText with the name patterns compiled once: normalisers build one scrubber per page (a thread's names
 * apply to every item on it) instead of compiling two patterns per name per item.
 */
export function makeScrubber(names: Iterable<string>, keep: Iterable<string> = []): (text: string, role: 'owner' | 'citizen') => string {
  const kept = new Set([...keep].map((k) => k.replace(/^@/, '').toLowerCase()));
  const list = new Set<string>();
  for (const raw of names) {
    const n = raw.trim().replace(/^@/, '');
    if (n.length < 3 || kept.has(n.toLowerCase())) continue;
    list.add(n);
    const first = n.split(/\s+/)[0];
    if (first && first !== n && first.length >= 3 && /^\p{Lu}/u.test(first)) list.add(first);
  }
  // Longest first, so a full name wins over its first word.
  const sorted = [...list].sort((a, b) => b.length - a.length);
  return (text, role) => {
    let out = sorted.length > 0 ? replaceNames(text, sorted) : text;
    if (MAY_HAVE_SURNAME.test(out)) out = out.replace(FULL_NAME, (m) => (m.startsWith('@') ? `@${NAME_PLACEHOLDER}` : NAME_PLACEHOLDER));
    if (MAY_HAVE_GREETING.test(out)) {
      out = out.replace(SALUTATION, (m, greet: string, gap: string, name: string) => (NOT_NAMES.has(name) ? m : `${greet}${gap}${NAME_PLACEHOLDER}`));
    }
    if (out.includes('@')) out = out.replace(MENTION, (m, handle: string) => (kept.has(handle.toLowerCase()) ? m : `@${NAME_PLACEHOLDER}`));
    return role === 'citizen' ? redactPersonalData(out) : out;
  };
}

/** Characters a known name may not directly follow (then it is part of a longer word or handle) or precede. */
const NOT_BEFORE_NAME = /[\p{L}\p{N}_@]/u;
const NOT_AFTER_NAME = /[\p{L}\p{N}_]/u;

/**
 * Replaces every known name (longest first) with the placeholder, keeping a leading `@`: what the pattern
 * `(?<![\p{L}\p{N}_@])(@?)(?:name1|name2|…)(?![\p{L}\p{N}_])` (global, unicode) replaces, found with indexOf.
 * A page carries hundreds of names and most texts none of them: compiling and running that alternation for
 * every page was most of a backfill's CPU.
 */
function replaceNames(text: string, names: readonly string[]): string {
  // A match starts where a name occurs, or at the `@` right before one.
  const starts: number[] = [];
  for (const n of names) {
    for (let i = text.indexOf(n); i >= 0; i = text.indexOf(n, i + 1)) {
      starts.push(i);
      if (i > 0 && text.charCodeAt(i - 1) === 64 /* @ */) starts.push(i - 1);
    }
  }
  if (starts.length === 0) return text;
  starts.sort((a, b) => a - b);
  const nameEndingAt = (q: number): number => {
    for (const n of names) {
      if (!text.startsWith(n, q)) continue;
      const after = codePointAt(text, q + n.length);
      if (!after || !NOT_AFTER_NAME.test(after)) return q + n.length;
    }
    return -1;
  };
  let out = '';
  let last = 0;
  for (const p of starts) {
    // Left to right, never inside a replaced name, never between the halves of a surrogate pair (unicode mode).
    if (p < last || (p > 0 && isLowSurrogate(text.charCodeAt(p)) && isHighSurrogate(text.charCodeAt(p - 1)))) continue;
    const before = codePointBefore(text, p);
    if (before && NOT_BEFORE_NAME.test(before)) continue;
    let at = '';
    let end = text.charCodeAt(p) === 64 ? nameEndingAt(p + 1) : -1;
    if (end >= 0) at = '@';
    else end = nameEndingAt(p);
    if (end < 0) continue;
    out += `${text.slice(last, p)}${at}${NAME_PLACEHOLDER}`;
    last = end;
  }
  return last === 0 ? text : out + text.slice(last);
}
