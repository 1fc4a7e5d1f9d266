/**
 * Term matching for the topic classifier: compiles the hand lexicon (lexicon.ts) and the Los vocabulary
 * (assets/los-topics.json) into look-up tables, and finds the terms of a text.
 *
 * Speed: a token is looked up by its prefixes (stopping as soon as no term starts that way) and by the
 * compound heads at its end (stopping as soon as no term ends that way), and the result per token is cached,
 * so a repeated word costs one map look-up. Tokens are folded (æ→ae, ø→o, å→a) on both sides.
 */
import { readFileSync } from 'node:fs';
import { projectUrl } from '../project-root.js';
import { TOPIC_IDS } from './labels.js';
import type { TopicId } from './labels.js';
import { LOS_STOP_TERMS, TOPIC_LEXICON } from './lexicon.js';

export type Term = { topic: TopicId; term: string; weight: number };
type Part = { kind: 'stem' | 'prefix' | 'word'; text: string };
type Phrase = { parts: Part[]; term: Term };
/** A term found: at token `position`, covering `length` tokens (more than one for a phrase). */
export type Hit = { term: Term; position: number; length: number };

/** Inflection endings allowed after a word or a compound head. */
const ENDINGS = [
  '',
  'e',
  'en',
  'et',
  'a',
  'er',
  'ar',
  'ene',
  'ane',
  'ne',
  'n',
  't',
  's',
  'ens',
  'ets',
  'ers',
  'ing',
  'inga',
  'ingen',
  'ingar',
  'es',
];
const TOKEN_RE = /[\p{L}\p{N}]+/gu;
/** Shortest compound head: shorter stems match only as prefixes or words ("ras" in "trase" is not a landslide). */
const MIN_HEAD = 4;
/** Los single-word labels shorter than this are matched as whole words only. */
const LOS_MIN_STEM = 6;

export function fold(s: string): string {
  return s
    .toLowerCase()
    .replaceAll('æ', 'ae')
    .replaceAll('ø', 'o')
    .replaceAll('å', 'a')
    .replaceAll('é', 'e')
    .replaceAll('ö', 'o')
    .replaceAll('ä', 'a');
}

export function tokenize(text: string): string[] {
  return fold(text.normalize('NFC')).match(TOKEN_RE) ?? [];
}

function parsePart(raw: string): Part {
  if (raw.startsWith('=')) return { kind: 'word', text: fold(raw.slice(1)) };
  if (raw.startsWith('^')) return { kind: 'prefix', text: fold(raw.slice(1)) };
  return { kind: 'stem', text: fold(raw) };
}

export type Tables = {
  words: Map<string, Term[]>;
  /** For a word form, the length of the word without its ending, per term (the span of a word hit). */
  wordBase: Map<string, Map<Term, number>>;
  prefixes: Map<string, Term[]>;
  heads: Map<string, Term[]>;
  prefixClosure: Set<string>;
  suffixClosure: Set<string>;
  phrases: Map<string, Phrase[]>;
  maxPrefix: number;
};

type LosTerm = { path: string; label: TopicId; nb: string[]; nn: string[] };

export function readLosTerms(): LosTerm[] {
  const json = JSON.parse(readFileSync(projectUrl('assets/los-topics.json'), 'utf8')) as { terms: LosTerm[] };
  return json.terms;
}

/** The cues of every topic: hand-written ones first, then the Los labels and synonyms (weight 1). */
export function allTerms(los: LosTerm[] = readLosTerms()): { raw: string; term: Term }[] {
  const out: { raw: string; term: Term }[] = [];
  for (const topic of TOPIC_IDS) {
    for (const e of TOPIC_LEXICON[topic])
      out.push({ raw: e.term, term: { topic, term: e.term.replace(/(^|\s)[=^]/gu, '$1'), weight: e.weight } });
  }
  const seen = new Set(out.map((o) => `${o.term.topic}|${fold(o.raw.replace(/^[=^]/u, ''))}`));
  for (const t of los) {
    for (const label of [...t.nb, ...t.nn]) {
      const lower = label.toLowerCase().replace(/[()]/gu, '').trim();
      if (LOS_STOP_TERMS.has(lower) || lower.length < 3) continue;
      const words = lower.split(/[\s/]+/u).filter((w) => w !== '' && w !== '-');
      if (words.length > 4) continue;
      const raw = words.length === 1 ? (lower.length >= LOS_MIN_STEM ? lower : `=${lower}`) : words.map((w) => `=${w}`).join(' ');
      const key = `${t.label}|${fold(raw.replace(/^[=^]/u, ''))}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ raw, term: { topic: t.label, term: `los:${lower}`, weight: 1 } });
    }
  }
  return out;
}

export function compile(terms: { raw: string; term: Term }[]): Tables {
  const t: Tables = {
    words: new Map(),
    wordBase: new Map(),
    prefixes: new Map(),
    heads: new Map(),
    prefixClosure: new Set(),
    suffixClosure: new Set(),
    phrases: new Map(),
    maxPrefix: 0,
  };
  const add = (m: Map<string, Term[]>, k: string, v: Term): void => {
    const list = m.get(k);
    if (list === undefined) m.set(k, [v]);
    else if (!list.includes(v)) list.push(v);
  };
  for (const { raw, term } of terms) {
    const pieces = raw.split(/\s+/u).filter((p) => p !== '');
    if (pieces.length > 1 || fold(raw).match(TOKEN_RE)?.length !== 1) {
      // A phrase, or one written word that tokenises into several ("p-plass", "116 117").
      const parts = pieces.flatMap((p) => {
        const mark = p.startsWith('=') || p.startsWith('^') ? p[0] : '';
        const toks = fold(p.replace(/^[=^]/u, '')).match(TOKEN_RE) ?? [];
        return toks.map((tok, i) => parsePart((i === toks.length - 1 && mark !== '' ? mark : i === toks.length - 1 ? '' : '=') + tok));
      });
      const first = parts[0];
      if (first === undefined) continue;
      if (parts.length === 1) {
        addSingle(t, add, first, term);
        continue;
      }
      const list = t.phrases.get(first.text) ?? [];
      list.push({ parts, term });
      t.phrases.set(first.text, list);
      continue;
    }
    addSingle(t, add, parsePart(raw), term);
  }
  for (const k of t.prefixes.keys()) {
    t.maxPrefix = Math.max(t.maxPrefix, k.length);
    for (let i = 1; i <= k.length; i++) t.prefixClosure.add(k.slice(0, i));
  }
  for (const k of t.heads.keys()) for (let i = 0; i < k.length; i++) t.suffixClosure.add(k.slice(i));
  return t;
}

function addSingle(t: Tables, add: (m: Map<string, Term[]>, k: string, v: Term) => void, part: Part, term: Term): void {
  if (part.kind === 'word') {
    for (const e of ENDINGS) {
      add(t.words, part.text + e, term);
      const base = t.wordBase.get(part.text + e) ?? new Map<Term, number>();
      base.set(term, part.text.length);
      t.wordBase.set(part.text + e, base);
    }
    return;
  }
  // A stem written with its final -e also stands for the other inflections ("heimesjukepleie" → "heimesjukepleia").
  const text = part.kind === 'stem' && part.text.length >= 6 && part.text.endsWith('e') ? part.text.slice(0, -1) : part.text;
  add(t.prefixes, text, term);
  if (part.kind === 'stem' && text.length >= MIN_HEAD) add(t.heads, text, term);
}

/** Span of a term within one token: [start, end) in folded characters. */
type Span = { term: Term; start: number; end: number };

function tokenSpans(t: Tables, tok: string): Span[] {
  const spans: Span[] = [];
  const words = t.words.get(tok);
  if (words !== undefined) for (const term of words) spans.push({ term, start: 0, end: t.wordBase.get(tok)?.get(term) ?? tok.length });
  const maxL = Math.min(tok.length, t.maxPrefix);
  for (let l = 1; l <= maxL; l++) {
    const p = tok.slice(0, l);
    if (!t.prefixClosure.has(p)) break;
    const list = t.prefixes.get(p);
    if (list !== undefined) for (const term of list) spans.push({ term, start: 0, end: l });
  }
  for (const e of ENDINGS) {
    if (!tok.endsWith(e)) continue;
    const core = tok.length - e.length;
    // The head must leave at least two letters before it: "bossdunken" → "dunk"; "dunken" is a prefix hit.
    for (let start = core - MIN_HEAD; start >= 2; start--) {
      const s = tok.slice(start, core);
      if (!t.suffixClosure.has(s)) break;
      const list = t.heads.get(s);
      if (list !== undefined) for (const term of list) spans.push({ term, start, end: core });
    }
  }
  if (spans.length < 2) return spans;
  // A term inside a longer term of the same token gives way ("lege" in "legevakta"; "vann" in "vannledning"),
  // unless the longer one is only `annet` (a general Los synonym must not hide a named service).
  const kept = spans.filter(
    (a) =>
      !spans.some((b) => b !== a && b.term.topic !== 'annet' && b.start <= a.start && b.end >= a.end && b.end - b.start > a.end - a.start),
  );
  // One term per topic per token, the longest: "ungdomsskolen" is one school word, not "ungdomsskole" + "skolen".
  return kept.filter(
    (a) =>
      !kept.some(
        (b) =>
          b !== a &&
          b.term.topic === a.term.topic &&
          (b.end - b.start > a.end - a.start || (b.end - b.start === a.end - a.start && kept.indexOf(b) < kept.indexOf(a))),
      ),
  );
}

const CACHE_MAX = 50_000;

export class Matcher {
  private readonly cache = new Map<string, Term[]>();
  constructor(private readonly tables: Tables) {}

  private termsOf(tok: string): Term[] {
    let hit = this.cache.get(tok);
    if (hit === undefined) {
      hit = tokenSpans(this.tables, tok).map((s) => s.term);
      if (this.cache.size >= CACHE_MAX) this.cache.clear();
      this.cache.set(tok, hit);
    }
    return hit;
  }

  /** Every term found, with the index of the token where it starts. */
  hits(tokens: string[]): Hit[] {
    const out: Hit[] = [];
    let covered: { from: number; to: number; topic: string }[] | undefined;
    for (let i = 0; i < tokens.length; i++) {
      const tok = tokens[i] ?? '';
      for (const term of this.termsOf(tok)) out.push({ term, position: i, length: 1 });
      const phrases = this.tables.phrases.get(tok);
      if (phrases === undefined) continue;
      for (const ph of phrases) {
        if (!phraseAt(this, ph, tokens, i)) continue;
        out.push({ term: ph.term, position: i, length: ph.parts.length });
        (covered ??= []).push({ from: i, to: i + ph.parts.length, topic: ph.term.topic });
      }
    }
    if (covered === undefined) return out;
    // A word inside a phrase of another topic belongs to the phrase ("emergency" in "emergency clinic").
    return out.filter((h) => h.length > 1 || !covered.some((c) => c.topic !== h.term.topic && h.position >= c.from && h.position < c.to));
  }

  partMatches(part: Part, tok: string): boolean {
    if (part.kind === 'word') return ENDINGS.some((e) => tok === part.text + e);
    return tok.startsWith(part.text);
  }
}

function phraseAt(m: Matcher, ph: Phrase, tokens: string[], i: number): boolean {
  for (let k = 0; k < ph.parts.length; k++) {
    const part = ph.parts[k];
    const tok = tokens[i + k];
    if (part === undefined || tok === undefined) return false;
    if (k === 0 ? tok !== part.text && !m.partMatches(part, tok) : !m.partMatches(part, tok)) return false;
  }
  return true;
}
