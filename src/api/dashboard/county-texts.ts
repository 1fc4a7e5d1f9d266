import type { Lang } from './i18n.js';

/**
 * Texts of the sector page's county table and the download links (bokmål and English). Kept apart from
 * i18n.ts so that file does not grow; the wording of suppression matches the exports' notes (src/exports/labels.ts).
 */
const nb = {
  register: 'Kommuner i registeret',
  measured: 'Målte kommuner',
  measuredOfRegister: (m: string, r: string) => `${m} av ${r}`,
  spread: 'Median over kommunene (p25–p75)',
  hidden: 'skjult',
  tooFew: 'for få kommuner',
  footHidden: 'skjult: tallet hviler på færre enn 5 kommuner med overvåket konto (personvern); eksportene har samme merknad.',
  footSpread: 'for få kommuner: median og spredning over kommunene vises bare når minst 5 målte kommuner har en verdi – for alle brukere.',
  footMeasured:
    'Målte kommuner: kommuner med minst én overvåket konto og vellykket innhenting i uka. Kommuner i registeret: alle kommunene i fylket.',
  csvExcel: 'CSV for Excel (norsk)',
  csvPlain: 'CSV (RFC 4180)',
  xlsx: 'Excel (.xlsx)',
};
type CountyTexts = { [K in keyof typeof nb]: (typeof nb)[K] extends string ? string : (typeof nb)[K] };
const en: CountyTexts = {
  register: 'Municipalities in the register',
  measured: 'Measured municipalities',
  measuredOfRegister: (m, r) => `${m} of ${r}`,
  spread: 'Median over municipalities (p25–p75)',
  hidden: 'hidden',
  tooFew: 'too few municipalities',
  footHidden:
    'hidden: the figure rests on fewer than 5 municipalities with a monitored account (privacy); the exports carry the same note.',
  footSpread:
    'too few municipalities: the median and spread over municipalities are shown only when at least 5 measured municipalities have a value – for every user.',
  footMeasured:
    'Measured municipalities: municipalities with at least one monitored account and a successful harvest in the week. In the register: every municipality of the county.',
  csvExcel: 'CSV for Excel (Norwegian)',
  csvPlain: 'CSV (RFC 4180)',
  xlsx: 'Excel (.xlsx)',
};

export const countyTexts = (lang: Lang): CountyTexts => (lang === 'en' ? en : nb);
