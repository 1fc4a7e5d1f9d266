/**
 * Text preparation shared by the classifiers: Unicode normalisation, tags, placeholders, tokens, sentences.
 *
 * Why tokens and not `\b` regexes: JavaScript's `\b` is ASCII-only, so `/\bpå\b/u` never matches "på". We
 * split on Unicode letters/digits once and match words and phrases against token arrays or a
 * space-padded token string (" lurer på om "), which is boundary-safe for æ, ø, å.
 */

/** A sentence (or the text between terminators) after normalisation. */
export type Sentence = {
  /** Lower-case word tokens, in order. */
  tokens: string[];
  /** Tokens joined by single spaces and padded: " lurer på om bassenget ". Phrase look-ups use `includes`. */
  padded: string;
  /** The punctuation that ended the sentence: '?', '!', '.', '…' or '' (end of text / newline). */
  end: string;
  /** Whether the sentence contains a question mark anywhere. */
  hasQmark: boolean;
  /** Whether the sentence contains an exclamation mark. */
  hasExcl: boolean;
  /** Whether the sentence ended in an ellipsis ("..." or "…"). */
  ellipsis: boolean;
  /** Token indexes at which a clause starts after a comma, colon, dash or semicolon. */
  clauseStarts: number[];
};

export type Prepared = {
  /** NFC-normalised original text (case kept), trimmed. */
  original: string;
  /** Lower-cased text with tags, URLs and placeholders removed and letter runs collapsed. */
  lower: string;
  sentences: Sentence[];
  /** All word tokens of the text, lower-cased. */
  tokens: string[];
  /** `@`-tags found, as written (without '@'). */
  tags: string[];
  /** The first non-space character of the text is '@'. */
  startsWithTag: boolean;
  /** Redaction placeholders such as `[telefon]` were present. */
  hasPlaceholder: boolean;
  hasUrl: boolean;
};

// Precompiled once at module load.
// A tag is '@' plus a name; following capitalised words belong to it ("@Kari Nordmann se her").
// A page's name keeps its lower-case "kommune" / "herad" / "fylkeskommune" ("@Voss herad").
const TAG_RE = /@[\p{L}\p{N}_.-]+(?:[ \t]+\p{Lu}[\p{L}\p{N}-]*)*(?:[ \t]+(?:kommune|herad|fylkeskommune)\b)?/gu;
const URL_RE = /\b(?:https?:\/\/|www\.)\S+/giu;
const PLACEHOLDER_RE = /\[[\p{L}\p{N} _-]{1,24}\]/gu;
const TOKEN_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const LETTER_RUN_RE = /(\p{L})\1{2,}/gu;
const EMOJI_RE = /\p{Extended_Pictographic}/u;
// Sentence terminators: runs of ?, !, ., … (and the full-width ？), or a line break.
const SENTENCE_RE = /([^.!?…？\n]*)([.!?…？]+|\n|$)/gu;
const CLAUSE_MARK_RE = /[,;:–—،]|\s-\s/u;
/**
 * Question marks of other scripts, read as "?": Arabic "؟", Ethiopic "፧", the reversed "⸮". The Armenian
 * "՞" sits on the stressed word ("Ե՞րբ"), so it is taken out of the word and a "?" put after it. The Greek
 * question mark is ";" (NFC folds U+037E to U+003B), so in Greek text ";" is read as "?".
 */
const OTHER_QMARK_RE = /[؟፧⸮]/gu;
const HAS_OTHER_QMARK_RE = /[؟፧⸮\u055E]/u;
const ARMENIAN_QMARK_RE = /([\p{L}]*)\u055E([\p{L}]*)/gu;
const GREEK_RE = /\p{Script=Greek}/u;

export function prepare(text: string): Prepared {
  const original = text.normalize('NFC').trim();
  const tags: string[] = [];
  let startsWithTag = original.startsWith('@');
  // Each pass runs only when its trigger character is present: most comments have no tag, URL or placeholder.
  let work = original;
  if (work.includes('@')) {
    work = work.replace(TAG_RE, (m) => {
      tags.push(m.slice(1));
      return ' ';
    });
  }
  let hasUrl = false;
  if (work.includes('http') || work.includes('www.')) {
    work = work.replace(URL_RE, () => {
      hasUrl = true;
      return ' ';
    });
  }
  let hasPlaceholder = false;
  if (work.includes('[')) {
    work = work.replace(PLACEHOLDER_RE, () => {
      hasPlaceholder = true;
      return ' ';
    });
  }
  // "hvorfooor" → "hvorfor", "nåååå" → "nå". Norwegian has no word with a letter three times in a row
  // apart from rare compounds, which lose nothing that matters to these rules.
  let lower = work.toLowerCase().replace(LETTER_RUN_RE, '$1');
  if (HAS_OTHER_QMARK_RE.test(lower) || (lower.includes(';') && GREEK_RE.test(lower))) lower = otherQuestionMarks(lower);
  const sentences: Sentence[] = [];
  const tokens: string[] = [];
  for (const m of lower.matchAll(SENTENCE_RE)) {
    const body = m[1] ?? '';
    const end = m[2] ?? '';
    if (body.trim() === '' && end === '') continue;
    const sentence = toSentence(body, end);
    if (sentence.tokens.length === 0) {
      // A lone "?" after a sentence ("når åpner dere ?") belongs to the previous sentence.
      const prev = sentences.at(-1);
      if (prev && end.includes('?')) prev.hasQmark = true;
      continue;
    }
    sentences.push(sentence);
    for (const t of sentence.tokens) tokens.push(t);
  }
  if (startsWithTag && tags.length === 0) startsWithTag = false;
  return { original, lower, sentences, tokens, tags, startsWithTag, hasPlaceholder, hasUrl };
}

function otherQuestionMarks(text: string): string {
  const out = text.replace(OTHER_QMARK_RE, '?').replace(ARMENIAN_QMARK_RE, '$1$2?');
  return GREEK_RE.test(out) ? out.replaceAll(';', '?') : out;
}

function toSentence(body: string, end: string): Sentence {
  const tokens: string[] = [];
  const clauseStarts: number[] = [];
  // Split the body on clause marks, remembering where each clause starts in the token list.
  const parts = body.split(CLAUSE_MARK_RE);
  parts.forEach((part, i) => {
    if (i > 0) clauseStarts.push(tokens.length);
    for (const t of part.match(TOKEN_RE) ?? []) tokens.push(t);
  });
  const qEmoji = body.includes('❓') || body.includes('❔');
  return {
    tokens,
    padded: ` ${tokens.join(' ')} `,
    end: end === '\n' ? '' : end,
    hasQmark: end.includes('?') || end.includes('？') || qEmoji,
    hasExcl: end.includes('!'),
    ellipsis: end.includes('…') || end.includes('..'),
    clauseStarts: clauseStarts.filter((s) => s < tokens.length),
  };
}

/** True when the text contains a pictographic emoji. */
export function hasEmoji(text: string): boolean {
  return EMOJI_RE.test(text);
}
