import { KEY_LABELS, type ExportLang } from '../../exports/labels.js';

/**
 * Readable column headers (bokmål and English) and notes of the post-type and annual-summary exports. The column
 * ids under them (second header line of an excel-nb CSV, the "Definisjoner" sheet) are stable and defined in
 * docs/indicators.md ("Kolonner i eksportfilene: innleggstyper og årsoversikt"); these labels may be reworded.
 */
type L = Record<ExportLang, string>;

const OWN: Record<string, L> = {
  from: { nb: 'Fra uke', en: 'From week' },
  to: { nb: 'Til uke', en: 'To week' },
  classifier_version: { nb: 'Klassifiserer', en: 'Classifier version' },
  municipalities: { nb: 'Kommuner med innlegg', en: 'Municipalities with posts' },
  kind: { nb: 'Innleggstype (kode)', en: 'Kind of post (code)' },
  kind_name: { nb: 'Innleggstype', en: 'Kind of post' },
  posts: { nb: 'Innlegg', en: 'Posts' },
  share: { nb: 'Andel av innleggene', en: 'Share of posts' },
  commented_share: { nb: 'Fikk innbyggerkommentar', en: "Drew a resident's comment" },
  comments_per_post: { nb: 'Kommentarer per innlegg', en: 'Comments per post' },
  questions_per_post: { nb: 'Spørsmål per innlegg', en: 'Questions per post' },
  response_rate: { nb: 'Svarandel', en: 'Response rate' },
  suppressed_row: { nb: 'Skjult', en: 'Suppressed' },
  year: { nb: 'År', en: 'Year' },
  measure: { nb: 'Mål (kode)', en: 'Measure (code)' },
  measure_name: { nb: 'Spørsmål fra 2011', en: 'Question from 2011' },
  surveyed_2011: { nb: 'Kartlagt 2011 (selvrapportert)', en: 'Surveyed 2011 (self-reported)' },
  surveyed_base: { nb: 'Grunnlag for 2011-tallet', en: 'Base of the 2011 figure' },
  observable: { nb: 'Kan måles', en: 'Observable' },
  measured: { nb: 'Målt (observert)', en: 'Measured (observed)' },
  smalltalk_rank: { nb: 'Småprats plass', en: "Small talk's rank" },
  kinds_ranked: { nb: 'Av innleggstyper', en: 'Of kinds of posts' },
};

/** Column labels of these exports; the key columns they share with the indicator export (scope, id, name, suppressed) are its own. */
export const SECTOR_EXPORT_LABELS: Record<string, L> = { ...KEY_LABELS, ...OWN };

/** The label of an interval part: `<figure>_n`, `_low`, `_high`. */
export const PART_LABELS: Record<'n' | 'low' | 'high', L> = {
  n: { nb: 'n', en: 'n' },
  low: { nb: 'nedre 95 %-grense', en: 'lower 95 % bound' },
  high: { nb: 'øvre 95 %-grense', en: 'upper 95 % bound' },
};

export const SECTOR_EXPORT_TEXTS = {
  nb: {
    postKindsSheet: 'Innleggstyper',
    annualSheet: 'Årsoversikt',
    postKindsSuppressed:
      'Skjulte tall: en størrelsesgruppe eller sektoren med færre enn 5 kommuner med innlegg, og en kommunes svarandel med færre enn 5 spørsmål, er tomme for alle utenom administrator (personvern); id-ene står i kolonnen med skjulte tall.',
    postKindsIntervals:
      'Intervallene: Wilson (95 %) for andeler og svarandel; for tall per innlegg gjennomsnitt ± 1,96 · standardavvik / √n over innleggene. Typene er klassifisererens; se docs/indicators.md.',
    annualSurveyed:
      'Kartlagt 2011 er det kommunene selv svarte i KS’ undersøkelse (BETA.KOMM, HK Reklamebyrå AS for KS FoU, april 2011); målt er det Lyttepost har observert på kommunenes egne kontoer. De står aldri i samme kolonne.',
    annualSuppressed:
      'Utenom administrator måles ingenting fra færre enn 5 aktive kommuner: cellen er tom, og kolonnen «Skjult» sier hvorfor.',
  },
  en: {
    postKindsSheet: 'Post kinds',
    annualSheet: 'Annual summary',
    postKindsSuppressed:
      "Suppressed figures: a size band or the sector with fewer than 5 municipalities with posts, and a municipality's response rate from fewer than 5 questions, are empty for every role but admin (privacy); their ids are in the suppressed column.",
    postKindsIntervals:
      "Intervals: Wilson (95 %) for shares and the response rate; for per-post figures the mean ± 1.96 · standard deviation / √n over the posts. Kinds are the classifier's; see docs/indicators.md.",
    annualSurveyed:
      "Surveyed 2011 is what the municipalities reported in KS's survey (BETA.KOMM, HK Reklamebyrå AS for KS FoU, April 2011); measured is what Lyttepost observed on the municipalities' own accounts. They never share a column.",
    annualSuppressed:
      "Outside the admin role nothing is measured from fewer than 5 active municipalities: the cell is empty and the 'Suppressed' column says why.",
  },
} as const;
