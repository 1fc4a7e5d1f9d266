/**
 * Question and request cues of one sentence: word order (`word-order.ts`), question words of other languages,
 * indirect questions, requests and imperatives, "?" of every script, and the rhetorical forms (stance particles,
 * comparatives, counterfactuals, "bare jeg som", exclamatives). Every feature is a stable id weighed by
 * `model.ts`; `ids` are the specific cue ids reported in `reasons`.
 */
import {
  ACCOUNT_ADDRESS,
  COMPARATIVES,
  COUNTERFACTUAL_AUX,
  COUNTERFACTUAL_VERBS,
  FOREIGN_REQUEST,
  FOREIGN_WH,
  IMPERATIVES,
  IMPERATIVE_WITH_NEXT,
  INDIRECT_QUESTION,
  ONLY_ME,
  REQUEST_PHRASES,
  RESIDENT_INVITATION,
  RESIDENT_QUESTION,
  RHETORICAL,
  SUBJECT_NOUNS,
  SUBJECT_PRONOUNS,
  V1_VERBS,
  WE_SUBJECTS,
  WH_STRONG,
  YOU_SINGULAR,
} from './lexicon.js';
import { phraseMatcher } from './phrase.js';
import {
  ACCOUNT_YOU,
  ACTUALLY,
  ADDRESSEES_YOU,
  ALWAYS,
  DEGREE_TARGET_RE,
  FOLLOWUP_HEADS,
  HOPE_VERBS,
  HOW_DEGREE,
  JOIN_VERBS,
  KNOW_WORDS,
  MANY,
  MODALS,
  MUST,
  NEGATED_RHETORICAL_WH,
  NEXT,
  ONE_WORD_RHETORICAL,
  OPENS_CLAUSE,
  OPINION_VERBS,
  QMARK_ONLY_COMPANIONS,
  SPM_LABELS,
  STANCE_PARTICLES,
  TIMES,
  UNLISTED_VERB_SUBJECTS,
  embeddedQuestionAt,
} from './sentence-words.js';
import type { Sentence } from './text.js';
import { ARTICLES, NEGATIONS, isSubject, startIndex, whAt } from './word-order.js';

export type SentenceCues = {
  /** Feature ids weighed by the model ('qmark', 'wh-word', 'rhetorical' …). */
  features: string[];
  /** Specific cue ids for `reasons` ('wh-word:når', 'request:kan-dere' …). */
  ids: string[];
  request: boolean;
  question: boolean;
  rhetorical: boolean;
};

const INDIRECT_IDS: ReadonlySet<string> = new Set(INDIRECT_QUESTION.map(([id]) => id));
const INDIRECT_M = phraseMatcher(INDIRECT_QUESTION);
const REQUEST_M = phraseMatcher(REQUEST_PHRASES);
const RHETORICAL_M = phraseMatcher(RHETORICAL);
const INVITATION_M = phraseMatcher([['invitation', RESIDENT_INVITATION]]);
const RESIDENT_Q_M = phraseMatcher([['residents-asked', RESIDENT_QUESTION]]);
const ONLY_ME_M = phraseMatcher([['only-me', ONLY_ME]]);
function add(c: SentenceCues, feature: string, id: string = feature): void {
  if (!c.features.includes(feature)) c.features.push(feature);
  c.ids.push(id);
}

export function sentenceCues(s: Sentence): SentenceCues {
  const c: SentenceCues = { features: [], ids: [], request: false, question: false, rhetorical: false };
  const t = s.tokens;
  const i0 = startIndex(t);
  const first = t[i0] ?? '';
  const next = t[i0 + 1];
  let exclamative = false;

  if (first === 'for' && ARTICLES.has(next ?? '') && !s.hasQmark) exclamative = true; // "For en jobb dere gjør!"
  if (t.some((w, k) => (ACCOUNT_YOU.has(w) || (w === 'de' && k === i0)) && MUST.has(t[k + 1] ?? '') && t[k + 2] !== 'vel')) {
    // "Dokker må sjå på lyset", "Kommunen bør …"; sentence-initial nynorsk plural "De må gjere noko med krysset"
    // (elsewhere bokmål "de må" is "they must").
    add(c, 'request', 'request:dere-maa');
    c.request = true;
  }
  // Right after a verb of hoping, nynorsk "de" is "you" too ("Håpar de tek tak i dette").
  if (
    t.some(
      (w, k) =>
        HOPE_VERBS.has(w) &&
        (ACCOUNT_YOU.has(t[k + 1] ?? '') || t[k + 1] === 'de' || (t[k + 1] === 'at' && ACCOUNT_YOU.has(t[k + 2] ?? ''))),
    )
  ) {
    // "Håpar de tek tak i dette", "Ønsker at kommunen ser på parkeringen": a wish put to the account.
    add(c, 'request', 'request:hope-you');
    c.request = true;
  }

  const wh = exclamative ? undefined : whAt(t, i0, s, c.ids);
  if (wh === 'excl') exclamative = true;
  if (wh === 'q' || wh === 'v3' || wh === 'som') {
    const feature = wh === 'q' ? 'wh-word' : wh === 'v3' ? 'wh-v3' : 'wh-som';
    add(c, feature, `${feature}:${first}`);
    c.question = true;
    const subj = t.slice(i0 + 1, i0 + 4);
    if (subj.some((w) => WE_SUBJECTS.has(w))) add(c, 'we-subject');
  }
  // A strong wh-word opening a later clause: "Har ringt tre ganger, hvorfor svarer ingen".
  if (wh === undefined && !exclamative) {
    for (const start of s.clauseStarts) {
      const k = t[start] === 'men' || t[start] === 'og' ? start + 1 : start; // "Takk, men hva med oss …"
      const w = t[k];
      if (w !== undefined && WH_STRONG.has(w) && whAt(t, k, s, c.ids) === 'q') {
        add(c, 'wh-word', `wh-word:${w}`);
        c.question = true;
        break;
      }
    }
  }
  // A verb-first question in a later clause: "Det luktar kloakk heile vegen, har de sjekka pumpestasjonen".
  if (wh === undefined && !exclamative && !OPENS_CLAUSE.has(first) && !c.question) {
    const k = s.clauseStarts.find((k) => V1_VERBS.has(t[k] ?? '') && UNLISTED_VERB_SUBJECTS.has(t[k + 1] ?? ''));
    if (k !== undefined) {
      add(c, 'v1', `v1:${t[k] ?? ''}`);
      c.question = true;
    }
  }
  if (FOLLOWUP_HEADS.has(first) && next === 'nytt') {
    add(c, 'indirect', 'followup'); // "Noe nytt om saken?", "Noko nytt?"
    c.question = true;
  }
  if (FOREIGN_WH.has(first) || s.clauseStarts.some((k) => FOREIGN_WH.has(t[k] ?? ''))) {
    add(c, 'wh-foreign', `wh-foreign:${first}`);
    c.question = true;
  }

  // Verb-first yes/no question (V1) or an imperative.
  if (!exclamative && wh === undefined && V1_VERBS.has(first)) {
    const negated = NEGATIONS.has(next ?? '');
    const subjNext = negated ? t[i0 + 2] : next;
    // "Vet ikke jeg" / "Veit ikkje eg" is a dialect statement ("I don't know"), not "Don't I know?".
    const negatedFirstPerson = negated && !s.hasQmark && (subjNext === 'jeg' || subjNext === 'eg');
    if (isSubject(first, subjNext) && !negatedFirstPerson) {
      add(c, 'v1', `v1:${first}`);
      c.question = true;
      if (WE_SUBJECTS.has(subjNext ?? '')) add(c, 'we-subject');
      if (NEGATIONS.has(t[i0 + 2] ?? '') || negated) add(c, 'negated-question');
      if (MODALS.has(first) && ADDRESSEES_YOU.has(subjNext ?? '')) {
        c.ids.push('modal-request');
        c.request = true;
      }
    } else {
      add(c, 'subject-drop');
    }
  } else if (
    !exclamative &&
    wh === undefined &&
    first.length > 4 &&
    (first.endsWith('er') || first.endsWith('ar')) &&
    !OPINION_VERBS.has(first)
  ) {
    // An unlisted present-tense verb followed by a pronoun subject: "Eksisterer det …", "Hentar dei …".
    if (UNLISTED_VERB_SUBJECTS.has(next ?? '') || SUBJECT_NOUNS.has(next ?? '')) {
      add(c, 'v1', `v1:${first}`);
      c.question = true;
    }
  }
  if (!exclamative && wh === undefined) {
    const withNext = IMPERATIVE_WITH_NEXT.get(first);
    const isImp = withNext ? withNext.has(next ?? '') : IMPERATIVES.has(first) && !SUBJECT_PRONOUNS.has(next ?? '') && next !== 'her';
    if (isImp && (next !== undefined || first === 'please')) {
      add(c, 'imperative', `imperative:${first}`);
      c.request = true;
    }
  }
  if (SPM_LABELS.has(t[0] ?? '') && t.length > 1) {
    add(c, 'indirect', 'spm-label');
    c.question = true;
  }
  if (t.some((w, k) => k > i0 && KNOW_WORDS.has(w) && embeddedQuestionAt(t, k + 1))) {
    // "Hadde vore greitt å vite kva tid …", "Skulle gjerne visst hva …", "Vil ha svar på kvifor …".
    add(c, 'indirect', 'indirect:embedded');
    c.question = true;
  }
  for (const id of INDIRECT_M.ids(t)) {
    // "noen som vet …" / "vet noen …" ask whoever reads: a question, but not one put to the account.
    add(c, id === 'noen-som-vet' || id === 'vet-noen' ? 'asks-anyone' : 'indirect', id);
    c.question = true;
  }
  for (const id of REQUEST_M.ids(t)) {
    add(c, 'request', `request:${id}`);
    c.request = true;
  }
  for (const w of t) {
    if (FOREIGN_REQUEST.has(w)) {
      add(c, 'request', `request:${w}`);
      c.request = true;
      break;
    }
  }
  if (s.hasQmark) {
    // An exclamative's "?" ("Kor heldige er vi som bur her?") is its own, weaker evidence.
    add(c, exclamative ? 'qmark-exclamative' : 'qmark');
    c.question = true;
  }
  if (c.question || c.request) {
    if (t.some((w) => YOU_SINGULAR.has(w))) add(c, 'you-singular');
    if (t.some((w, k) => ACCOUNT_ADDRESS.has(w) && t[k + 1] !== 'andre')) add(c, 'you-account');
    // "bedre enn dette", or a comparative after an article ("Finst det ein finare stad?")
    if (t.some((w, k) => COMPARATIVES.has(w) && (ARTICLES.has(t[k - 1] ?? '') || t.includes('enn') || t.includes('than'))))
      add(c, 'comparative');
    if (
      t.some((w, k) => COUNTERFACTUAL_AUX.has(w) && (COUNTERFACTUAL_VERBS.has(t[k + 1] ?? '') || COUNTERFACTUAL_VERBS.has(t[k + 2] ?? '')))
    )
      add(c, 'counterfactual');
    if (ONLY_ME_M.any(t)) add(c, 'only-me');
    if (t.some((w) => STANCE_PARTICLES.has(w)) || NEXT.has(t.at(-1) ?? '')) add(c, 'stance-particle');
    // "egentlig" is as often in a real question ("hvem eier egentlig jordet") as in a rhetorical one.
    if (t.some((w) => ACTUALLY.has(w))) add(c, 'actually');
    if (t.some((w) => ALWAYS.has(w))) add(c, 'always');
    if (t.some((w, k) => k > i0 + 1 && (w === 'så' || w === 'so' || w === 'such') && DEGREE_TARGET_RE.test(t[k + 1] ?? '')))
      add(c, 'degree');
    if (RESIDENT_Q_M.any(t)) add(c, 'residents-asked');
  }

  // A "?" with no other question cue ("Bassenget er stengt?", "Er ikke dette bare nydelig?") is weaker evidence.
  if (s.hasQmark && c.features.every((f) => QMARK_ONLY_COMPANIONS.has(f))) c.features.push('qmark-only');
  if (c.question && !s.hasQmark) c.features.push('no-qmark');
  // "!" weighs against a question ("Kan det bli bedre enn dette!"), not against a demand ("Brøyt fortauet!!").
  if (s.hasExcl && !c.request) c.features.push('excl');
  if (exclamative) add(c, 'exclamative');
  if (wh === 'q' && s.hasQmark && NEGATED_RHETORICAL_WH.has(first) && t.slice(i0 + 1, i0 + 4).some((w) => NEGATIONS.has(w)))
    add(c, 'negated-wh');
  if (HOW_DEGREE.has(first) && MANY.has(next ?? '') && TIMES.has(t[i0 + 2] ?? '')) {
    // "Kor mange gonger ska vi klage …", "How many times …": counting one's own complaints.
    add(c, 'rhetorical', 'rhet:how-many-times');
    c.rhetorical = true;
  }
  if (HOW_DEGREE.has(first) && MODALS.has(t[i0 + 2] ?? '') && (t[i0 + 3] === 'det' || t[i0 + 3] === 'it')) {
    // "Hvor vanskelig kan det være", "How hard can it be": a degree question that answers itself.
    add(c, 'rhetorical', 'rhet:how-hard');
    c.rhetorical = true;
  }
  if (wh === 'q' && !s.hasQmark && NEGATED_RHETORICAL_WH.has(first) && t.slice(i0 + 1, i0 + 5).some((w) => NEGATIONS.has(w))) {
    // "Hvem har ikke opplevd …", "Hvordan kan man ikke elske …": who/how + negation, no "?".
    add(c, 'rhetorical', 'rhet:negated-wh');
    c.rhetorical = true;
  }
  if (t.length <= 2 && ONE_WORD_RHETORICAL.has(t.join(' '))) {
    add(c, 'rhetorical', 'rhet:one-liner');
    c.rhetorical = true;
  }
  for (const id of RHETORICAL_M.ids(t)) {
    add(c, 'rhetorical', id);
    c.rhetorical = true;
  }
  if (INVITATION_M.any(t) || t.some((w, k) => w === 'lyst' || (JOIN_VERBS.has(w) && t[k + 1] === 'med'))) add(c, 'invitation');
  // A question closed by a full stop ("Kva var det eg sa.") is said more than asked.
  if (c.question && !s.hasQmark && s.end === '.') c.features.push('period-end');
  if (s.ellipsis) add(c, 'ellipsis');
  return c;
}

/** True if a sentence's request cue decides it, not a wh-word or an indirect question. */
export function isRequestSentence(c: SentenceCues): boolean {
  return c.request && !c.ids.some((id) => id.startsWith('wh-word:') || INDIRECT_IDS.has(id));
}
