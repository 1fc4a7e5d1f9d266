import { redactPersonalData } from '../privacy/redact.js';

/** Placeholder for a resident's name or handle that appeared in text. */
import { NAME_PLACEHOLDER } from '../privacy/name-placeholder.js';

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
/** A capitalised word right after a greeting or apology is the addressee's first name ("Hei Kari!"). */
const SALUTATION = /(?<![\p{L}])(Hei|Heisann|Hallo|Hi|Hello|Dear|Kjære|Takk|Beklager|Sorry)(,?\s+)(\p{Lu}[\p{Ll}-]+)(?=[\s!,.?:;]|$)(?!\s+(?:kommune|kommunen|fylkeskommune|kommunes)\b)/gu;
/** Words that follow a greeting without being a name. */
const NOT_NAMES = new Set(['Alle', 'Alle.', 'Dere', 'Du', 'Og', 'Takk', 'Kommune', 'Kommunen', 'Igjen', 'All', 'Everyone', 'Again', 'For', 'Så']);

/**
 * Removes resident names and handles from text before storage:
 * - each given name (an @-tag, a display name, a handle seen in the same thread) and its first word, as
 *   `[navn]` (`@[navn]` when written as a mention);
 * - any full name that looks like one (a capitalised word before a common Norwegian surname);
 * - the first name after a greeting ("Hei Kari!" → "Hei [navn]!").
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
  const alternation = [...list].sort((a, b) => b.length - a.length).map(escape).join('|');
  const known = alternation ? new RegExp(`(?<![\\p{L}\\p{N}_@])(@?)(?:${alternation})(?![\\p{L}\\p{N}_])`, 'gu') : null;
  return (text, role) => {
    let out = text;
    if (known) out = out.replace(known, (_m, at: string) => `${at}${NAME_PLACEHOLDER}`);
    out = out.replace(FULL_NAME, (m) => (m.startsWith('@') ? `@${NAME_PLACEHOLDER}` : NAME_PLACEHOLDER));
    out = out.replace(SALUTATION, (m, greet: string, gap: string, name: string) => (NOT_NAMES.has(name) ? m : `${greet}${gap}${NAME_PLACEHOLDER}`));
    return role === 'citizen' ? redactPersonalData(out) : out;
  };
}
