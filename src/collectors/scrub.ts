import { redactPersonalData } from '../privacy/redact.js';

/** Placeholder for a resident's name or handle that appeared in text. */
import { NAME_PLACEHOLDER } from '../privacy/name-placeholder.js';
import { COMMON_FIRST_NAMES } from '../privacy/first-names.js';
import { codePointAt, codePointBefore, isHighSurrogate, isLowSurrogate } from './code-points.js';

export { NAME_PLACEHOLDER };

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The 50 most common surnames in Norway (SSB name statistics) plus a few frequent immigrant surnames. A
 * capitalised word followed by one of these, or by a -sen/-ssen/-son name, is taken for a person's full name.
 */
const COMMON_SURNAMES = [
  'Hansen',
  'Johansen',
  'Olsen',
  'Larsen',
  'Andersen',
  'Pedersen',
  'Nilsen',
  'Kristiansen',
  'Jensen',
  'Karlsen',
  'Johnsen',
  'Pettersen',
  'Eriksen',
  'Berg',
  'Haugen',
  'Hagen',
  'Johannessen',
  'Andreassen',
  'Jacobsen',
  'Dahl',
  'Jørgensen',
  'Halvorsen',
  'Henriksen',
  'Lund',
  'Sørensen',
  'Jakobsen',
  'Moen',
  'Gundersen',
  'Iversen',
  'Strand',
  'Solberg',
  'Svendsen',
  'Eide',
  'Knutsen',
  'Martinsen',
  'Paulsen',
  'Bakken',
  'Kristoffersen',
  'Mathisen',
  'Lie',
  'Rasmussen',
  'Amundsen',
  'Lunde',
  'Kristensen',
  'Bakke',
  'Berge',
  'Moe',
  'Nygård',
  'Fredriksen',
  'Solheim',
  'Holm',
  'Vik',
  'Aas',
  'Myklebust',
  'Haugland',
  'Kvamme',
  'Nordmann',
  'Ali',
  'Khan',
  'Hussain',
  'Ahmed',
  'Nowak',
  'Kowalski',
  'Kowalska',
  'Wiśniewski',
  'Nguyen',
  'Mohammed',
  'Abdi',
  'Yusuf',
];
const WORD = '\\p{Lu}[\\p{Ll}\\p{Lu}-]+';
const SURNAME = `(?:${COMMON_SURNAMES.map(escape).join('|')}|\\p{Lu}\\p{Ll}+(?:sen|ssen|son|søn))`;
/**
 * A capitalised word, optionally a second one, then a surname. Whether the first word is a given name is checked
 * in code (COMMON_FIRST_NAMES or a first name seen in the thread): "Besøk Nygård skole" and "Sandvika Strand" are
 * a verb and a place before a surname-like word, not people.
 */
const FULL_NAME = new RegExp(`(?<![\\p{L}\\p{N}_])(@?)(${WORD})((?:\\s+${WORD})?\\s+${SURNAME})(?![\\p{L}\\p{N}_])`, 'gu');
/**
 * Literal texts every FULL_NAME (a listed surname, or a -sen/-ssen/-son/-søn name) and every SALUTATION match
 * contains: a text without any skips those patterns, which cost a unicode-class check at every position.
 */
const MAY_HAVE_SURNAME = new RegExp([...COMMON_SURNAMES.map(escape), 'sen', 'son', 'søn'].join('|'));
const MAY_HAVE_GREETING = /Hei|Hallo|Hi|Hello|Dear|Kjære|Takk|Beklager|Sorry/;
/**
 * What every ADDRESS match contains (a comma, colon or `!` after the word); every HANDLE match contains `@`. Most
 * texts have neither `@` nor a vocative, and the unicode patterns cost a class check at every position: the two
 * checks spare 25-30 ms of a backfill pass's ~150 ms of scrubbing (bench/collect.ts, 27,506 items).
 */
const MAY_BE_ADDRESS = /[,:!]/;
/** A capitalised word right after a greeting or apology may be the addressee's first name ("Hei Kari!"). */
const SALUTATION = /(?<![\p{L}])(Hei|Heisann|Hallo|Hi|Hello|Dear|Kjære|Takk|Beklager|Sorry)(,?\s+)(\p{Lu}[\p{Ll}-]+)(?=[\s!,.?:;]|$)/gu;
/**
 * A word used as an address (vocative): opening a sentence before a comma, colon or `!` ("Kari, se svaret over."), or
 * closing one after a comma ("Takk for svaret, Kari."). Replaced when it is a first name seen in the thread.
 */
const ADDRESS = /(^|[.!?]\s+)(\p{Lu}[\p{Ll}-]+)(?=\s*[,:!])|(,\s+)(\p{Lu}[\p{Ll}-]+)(?=\s*(?:[.!?]|$))/gu;
/**
 * An @-handle: `@` not preceded by a letter, digit, `_`, `.` or `@` (then it is an e-mail address), followed by the
 * handle's characters (X: letters, digits, `_`; YouTube: also `.` and `-` inside). INDICATORS.md clarification 3:
 * a resident's handle is replaced like a name on every platform; only responders' handles stay.
 */
const HANDLE = /(?<![\p{L}\p{N}_.@])@([\p{L}\p{N}_](?:[\p{L}\p{N}_.-]*[\p{L}\p{N}_])?)/gu;

/**
 * Removes resident names and handles from text before storage:
 * - each given name (a display name, a handle seen in the same thread) wherever it occurs, as `[navn]`;
 * - the first word of a given display name only where it addresses the person: after a greeting ("Hei Kari!"), at
 *   a sentence before a comma or colon ("Kari, ...") or after a comma closing one ("..., Kari."), or as `@Kari`. Elsewhere it is an ordinary word
 *   that happens to open someone's display name ("LGBTQ", "Dag", "Storm") and stays (issue 20);
 * - any full name that looks like one: a common given name before a common Norwegian surname;
 * - a common given name after a greeting ("Hei Kari!" → "Hei [navn]!");
 * - every @-handle except the responders' own, as `@[navn]`.
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
  const firstNames = new Set<string>();
  for (const raw of names) {
    const n = raw.trim().replace(/^@/, '');
    if (n.length < 3 || kept.has(n.toLowerCase())) continue;
    list.add(n);
    const first = n.split(/\s+/)[0];
    if (first && first !== n && first.length >= 3 && /^\p{Lu}/u.test(first)) firstNames.add(first);
  }
  const isGivenName = (w: string) => firstNames.has(w) || COMMON_FIRST_NAMES.has(w);
  // Longest first, so a full name wins over a shorter one.
  const sorted = [...list].sort((a, b) => b.length - a.length);
  return (text, role) => {
    let out = sorted.length > 0 ? replaceNames(text, sorted) : text;
    if (firstNames.size > 0 && MAY_BE_ADDRESS.test(out)) {
      out = out.replace(
        ADDRESS,
        (m, before: string | undefined, w: string | undefined, comma: string | undefined, w2: string | undefined) => {
          const word = w ?? w2 ?? '';
          return firstNames.has(word) ? `${before ?? comma ?? ''}${NAME_PLACEHOLDER}` : m;
        },
      );
    }
    const mayHaveHandle = out.includes('@');
    if (firstNames.size > 0 && mayHaveHandle) out = out.replace(HANDLE, (m, h: string) => (firstNames.has(h) ? `@${NAME_PLACEHOLDER}` : m));
    if (MAY_HAVE_SURNAME.test(out)) {
      out = out.replace(FULL_NAME, (m, at: string, first: string, rest: string) => {
        if (isGivenName(first)) return `${at}${NAME_PLACEHOLDER}`;
        // "Hilsen Tone Johansen": the name starts at the second word.
        const second = /^(\s+)(\S+)\s/u.exec(rest);
        return second?.[2] && isGivenName(second[2]) ? `${at}${first}${second[1]}${NAME_PLACEHOLDER}` : m;
      });
    }
    if (MAY_HAVE_GREETING.test(out)) {
      out = out.replace(SALUTATION, (m, greet: string, gap: string, name: string) =>
        isGivenName(name) ? `${greet}${gap}${NAME_PLACEHOLDER}` : m,
      );
    }
    if (mayHaveHandle) out = out.replace(HANDLE, (m, h: string) => (kept.has(h.toLowerCase()) ? m : `@${NAME_PLACEHOLDER}`));
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
