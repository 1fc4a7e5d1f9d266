import type { IndicatorId } from '../indicators/definitions.js';

/**
 * Readable column headers of the exports and the notes the files carry, each entry in bokmål and English. The column ids under
 * them (second header line of an excel-nb CSV, the "Definisjoner" sheet of an XLSX) are the stable ones of the
 * API and docs/indicators.md; these labels may be reworded.
 */
export type ExportLang = 'nb' | 'en';
/** One text in both languages: an entry without its translation does not type-check. */
export type InBoth<T = string> = { readonly [L in ExportLang]: T };

export const KEY_LABELS: Record<string, InBoth> = {
  scope: { nb: 'Nivå', en: 'Scope' },
  id: { nb: 'Kode', en: 'Code' },
  name: { nb: 'Navn', en: 'Name' },
  platform: { nb: 'Plattform', en: 'Platform' },
  external_id: { nb: 'Konto-ID på plattformen', en: 'Platform account id' },
  handle: { nb: 'Kontonavn', en: 'Account handle' },
  municipality: { nb: 'Kommunenr.', en: 'Municipality no.' },
  municipality_name: { nb: 'Kommune', en: 'Municipality' },
  county: { nb: 'Fylkesnr.', en: 'County no.' },
  county_name: { nb: 'Fylke', en: 'County' },
  week: { nb: 'Uke', en: 'Week' },
  definition_version: { nb: 'Definisjonsversjon', en: 'Definition version' },
  coverage: { nb: 'Dekning (innhenting)', en: 'Harvest coverage' },
  provisional: { nb: 'Foreløpig', en: 'Provisional' },
  municipalities_register: { nb: 'Kommuner i registeret', en: 'Municipalities in the register' },
  municipalities_measured: { nb: 'Målte kommuner', en: 'Measured municipalities' },
  suppressed: { nb: 'Skjulte tall (id-er)', en: 'Suppressed figures (ids)' },
  note: { nb: 'Merknad', en: 'Note' },
};

export const INDICATOR_LABELS: Record<IndicatorId, InBoth> = {
  owner_posts: { nb: 'Egne innlegg', en: 'Own posts' },
  owner_replies: { nb: 'Egne svar og kommentarer', en: 'Own replies and comments' },
  reply_share: { nb: 'Svarandel av egen produksjon', en: 'Reply share of own output' },
  megaphone_ratio: { nb: 'Innlegg per svar', en: 'Posts per reply' },
  citizen_posts: { nb: 'Innbyggerinnlegg', en: 'Citizen posts' },
  citizen_comments: { nb: 'Innbyggerkommentarer', en: 'Citizen comments' },
  citizen_share: { nb: 'Innbyggernes andel', en: 'Citizen share' },
  citizen_per_1000_followers: { nb: 'Innbyggerinnlegg per 1000 følgere', en: 'Citizen items per 1,000 followers' },
  citizen_authors: { nb: 'Ulike innbyggere', en: 'Distinct citizens' },
  questions: { nb: 'Spørsmål', en: 'Questions' },
  questions_answered: { nb: 'Besvart innen 7 døgn', en: 'Answered within 7 days' },
  response_rate: { nb: 'Svarandel', en: 'Response rate' },
  response_rate_ci_low: { nb: 'Svarandel, nedre 95 %-grense', en: 'Response rate, lower 95 % bound' },
  response_rate_ci_high: { nb: 'Svarandel, øvre 95 %-grense', en: 'Response rate, upper 95 % bound' },
  response_rate_all: { nb: 'Svarandel uten klassifiserer', en: 'Classifier-free response rate' },
  timely_answered: { nb: 'Besvart innen én kontordag', en: 'Answered within one office day' },
  timely_rate: { nb: 'Andel besvart innen én kontordag', en: 'Share answered within one office day' },
  response_time_median_h: { nb: 'Median svartid (timer)', en: 'Median response time (hours)' },
  response_time_p90_h: { nb: 'Svartid, 90-persentil (timer)', en: 'Response time, 90th percentile (hours)' },
  response_time_office_median_h: { nb: 'Median svartid i kontortid (timer)', en: 'Median response time, office hours' },
  unanswered_open: { nb: 'Ubesvart ved ukeslutt', en: 'Unanswered at week end' },
  posts_with_citizen_comments: { nb: 'Innlegg med innbyggerkommentar', en: 'Posts with a citizen comment' },
  two_way_posts: { nb: 'Innlegg med svar på innbygger', en: 'Two-way posts' },
  two_way_share: { nb: 'Andel toveisinnlegg', en: 'Two-way share' },
  one_way_posts: { nb: 'Innlegg uten kommunens kommentar', en: 'One-way posts' },
  followup_rate: { nb: 'Andel svar med oppfølging', en: 'Follow-up rate' },
  conversation_depth: { nb: 'Samtaledybde (rolleskifter)', en: 'Conversation depth (role changes)' },
  p1: { nb: 'Innlegg med reaksjon (%)', en: 'Posts with a reaction (%)' },
  p2: { nb: 'Reaksjoner per innlegg', en: 'Reactions per post' },
  p3: { nb: 'Reaksjoner per innlegg per 1000 følgere', en: 'Reactions per post per 1,000 followers' },
  c1: { nb: 'Innlegg med kommentar (%)', en: 'Posts with a comment (%)' },
  c2: { nb: 'Kommentarer per innlegg', en: 'Comments per post' },
  c3: { nb: 'Kommentarer per innlegg per 1000 følgere', en: 'Comments per post per 1,000 followers' },
  c2_citizen: { nb: 'Innbyggerkommentarer per innlegg', en: 'Citizen comments per post' },
  v1: { nb: 'Innlegg med deling (%)', en: 'Posts with a share (%)' },
  v2: { nb: 'Delinger per innlegg', en: 'Shares per post' },
  v3: { nb: 'Delinger per innlegg per 1000 følgere', en: 'Shares per post per 1,000 followers' },
  engagement: { nb: 'Engasjement (p3 + c3 + v3)', en: 'Engagement (p3 + c3 + v3)' },
  hidden_citizen_items: { nb: 'Skjulte innbyggerinnlegg', en: 'Hidden citizen items' },
  deleted_citizen_items: { nb: 'Slettede innbyggerinnlegg', en: 'Deleted citizen items' },
  abusive_citizen_items: { nb: 'Sjikanøse innbyggerinnlegg', en: 'Abusive citizen items' },
  dialogue_index: { nb: 'Dialogindeks', en: 'Dialogue index' },
  dialogue_band: { nb: 'Dialognivå', en: 'Dialogue band' },
  dialogue_r: { nb: 'Dialogindeks: svarandel (R)', en: 'Dialogue index: response (R)' },
  dialogue_t: { nb: 'Dialogindeks: raskt svar (T)', en: 'Dialogue index: timely (T)' },
  dialogue_h: { nb: 'Dialogindeks: svar i egen produksjon (H)', en: 'Dialogue index: replies (H)' },
  dialogue_v: { nb: 'Dialogindeks: innbyggerstemme (V)', en: 'Dialogue index: citizen voice (V)' },
  dialogue_f: { nb: 'Dialogindeks: oppfølging (F)', en: 'Dialogue index: follow-up (F)' },
};

export const DISTRIBUTION_LABELS: Record<'p25' | 'median' | 'p75', InBoth> = {
  p25: { nb: 'kommunenes 25-persentil', en: "municipalities' 25th percentile" },
  median: { nb: 'kommunenes median', en: "municipalities' median" },
  p75: { nb: 'kommunenes 75-persentil', en: "municipalities' 75th percentile" },
};

export const SCOPE_LABELS: Record<string, InBoth> = {
  account: { nb: 'konto', en: 'account' },
  municipality: { nb: 'kommune', en: 'municipality' },
  county: { nb: 'fylke', en: 'county' },
  sector: { nb: 'sektor', en: 'sector' },
};

/** Texts of the export files around the table: sheet names, notes and footnotes. */
type ExportTexts = {
  sheet: InBoth;
  definitionsSheet: InBoth;
  defHead: InBoth<readonly string[]>;
  /** The first note: what an empty cell means. */
  empty: InBoth;
  /** Why a county or sector row's figures are empty. */
  suppressedRow: InBoth<(measured: number | null) => string>;
  suppressedSome: InBoth;
  distributionNote: InBoth;
  suppressionFootnote: InBoth;
  measuredFootnote: InBoth;
};

export const EXPORT_TEXTS: ExportTexts = {
  sheet: { nb: 'Indikatorer', en: 'Indicators' },
  // The definitions sheet keeps its bokmål name in both languages (the excel-nb column ids' second header line).
  definitionsSheet: { nb: 'Definisjoner', en: 'Definisjoner' },
  defHead: {
    nb: ['Kolonne', 'Id', 'Definisjon', 'Definition (English)', 'Formel', 'Avsnitt i docs/indicators.md'],
    en: ['Column', 'Id', 'Definisjon (bokmål)', 'Definition', 'Formula', 'Section of docs/indicators.md'],
  },
  empty: { nb: 'Tom celle = ukjent (null), ikke 0.', en: 'An empty cell is unknown (null), not 0.' },
  suppressedRow: {
    nb: (measured) =>
      `Skjult: tallene hviler på færre enn 5 kommuner med overvåket konto${measured === null ? '' : ` (${measured} målt i uka)`}.`,
    en: (measured) =>
      `Suppressed: the figures rest on fewer than 5 municipalities with a monitored account${measured === null ? '' : ` (${measured} measured in the week)`}.`,
  },
  suppressedSome: {
    nb: 'Noen tall er skjult: færre enn 5 spørsmål eller kommuner (se kolonnen med skjulte tall).',
    en: 'Some figures are suppressed: fewer than 5 questions or municipalities (see the suppressed column).',
  },
  distributionNote: {
    nb: 'Fordeling over kommuner (median og spredning) vises bare når minst 5 målte kommuner har en verdi.',
    en: 'A distribution over municipalities (median and spread) is shown only when at least 5 measured municipalities have a value.',
  },
  suppressionFootnote: {
    nb: 'Skjulte tall: et fylkes- eller sektortall som hviler på færre enn 5 kommuner, og en kommunes svarandeler med færre enn 5 spørsmål, er tomme (personvern; INDICATORS.md «Wider scopes»). Median og spredning over kommuner vises bare fra minst 5 målte kommuner, for alle brukere.',
    en: 'Suppressed figures: a county or sector figure resting on fewer than 5 municipalities, and a municipality\'s response ratios resting on fewer than 5 questions, are empty (privacy; INDICATORS.md "Wider scopes"). Medians and spreads over municipalities are shown only from at least 5 measured municipalities, for every user.',
  },
  measuredFootnote: {
    nb: 'Målte kommuner: kommuner med minst én overvåket konto og vellykket innhenting i uka (dekning over 0). Kommuner i registeret: alle kommuner i fylket.',
    en: 'Measured municipalities: municipalities with at least one monitored account and a successful harvest in the week (coverage above 0). In the register: every municipality of the county.',
  },
};
