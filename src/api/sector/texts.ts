import type { Lang } from '../dashboard/i18n.js';

/**
 * Texts of the sector pages of #23 part B (post types, size bands and year-on-year, the annual 2011-survey
 * summary): bokmål by default, English with `?lang=en`. Kept apart from src/reports/i18n.ts on purpose.
 */
const nb = {
  postKindsTitle: 'Hvilke innlegg åpner for dialog?',
  postKindsIntro:
    'Kommunenes egne innlegg etter type, for perioden: andel av innleggene, andel som fikk minst én innbyggerkommentar, innbyggerkommentarer og spørsmål per innlegg (innen 7 døgn etter innlegget) og svarandel på spørsmålene. Hver verdi står med n og et 95 %-intervall.',
  kindNames: {
    service_info: 'Tjenesteinformasjon',
    event: 'Arrangement',
    crisis: 'Krise og beredskap',
    smalltalk: 'Småprat («god helg»)',
    dialogue_invitation: 'Invitasjon til dialog',
    other: 'Annet',
    unclassified: 'Ikke klassifisert ennå',
  } as Record<string, string>,
  bandNames: { small: 'Under 5 000 innbyggere', medium: '5 000–19 999 innbyggere', large: '20 000 innbyggere og flere', unknown: 'Ukjent folketall' } as Record<string, string>,
  colKind: 'Type innlegg',
  colPosts: 'Innlegg',
  colShare: 'Andel av innleggene',
  colCommented: 'Fikk innbyggerkommentar',
  colComments: 'Kommentarer per innlegg',
  colQuestions: 'Spørsmål per innlegg',
  colRate: 'Svarandel (n spørsmål)',
  sectorHeading: 'Hele sektoren',
  bandsHeading: 'Etter kommunestørrelse',
  ownHeading: 'Din kommune',
  municipalitiesNote: 'Tallene per kommune ligger i nedlastingen.',
  intervalNote:
    'Intervallene: Wilson (95 %) for andeler og svarandel; for tall per innlegg gjennomsnitt ± 1,96 · standardavvik / √n over innleggene. Typene er klassifisererens (versjon {v}); se docs/indicators.md.',
  smalltalkFinding: (rank: number, of: number, own: string, all: string) =>
    `Småprat som «god helg» er nr. ${rank} av ${of} innleggstyper etter innbyggerkommentarer per innlegg: ${own} per innlegg, mot ${all} for alle innlegg.`,
  smalltalkNone: 'Ingen småpratinnlegg i perioden.',
  topFinding: (kind: string, v: string) => `Flest innbyggerkommentarer per innlegg: ${kind} (${v}).`,
  of: (a: string, b: string) => `${a} av ${b}`,
  suppressedGroup: 'skjult (færre enn 5 kommuner)',
  municipalitiesN: (n: number) => `${n} kommuner med innlegg`,
  download: 'Last ned (CSV)',
};

export type SectorTexts = typeof nb;

const en: SectorTexts = {
  postKindsTitle: 'Which kinds of posts open a dialogue?',
  postKindsIntro:
    "The municipalities' own posts by kind over the period: share of posts, share that drew at least one resident's comment, residents' comments and questions per post (within 7 days of the post) and the response rate to those questions. Each value has its n and a 95 % interval.",
  kindNames: {
    service_info: 'Service information',
    event: 'Event',
    crisis: 'Crisis and emergency',
    smalltalk: 'Small talk ("god helg")',
    dialogue_invitation: 'Invitation to dialogue',
    other: 'Other',
    unclassified: 'Not classified yet',
  },
  bandNames: { small: 'Under 5,000 residents', medium: '5,000–19,999 residents', large: '20,000 residents or more', unknown: 'Population unknown' },
  colKind: 'Kind of post',
  colPosts: 'Posts',
  colShare: 'Share of posts',
  colCommented: "Drew a resident's comment",
  colComments: 'Comments per post',
  colQuestions: 'Questions per post',
  colRate: 'Response rate (n questions)',
  sectorHeading: 'The whole sector',
  bandsHeading: 'By municipality size',
  ownHeading: 'Your municipality',
  municipalitiesNote: 'Figures per municipality are in the download.',
  intervalNote:
    'Intervals: Wilson (95 %) for shares and the response rate; for per-post figures the mean ± 1.96 · standard deviation / √n over the posts. Kinds are the classifier\'s (version {v}); see docs/indicators.md.',
  smalltalkFinding: (rank, of, own, all) =>
    `Small talk such as "god helg" ranks ${rank} of ${of} kinds of posts by residents' comments per post: ${own} per post, against ${all} for all posts.`,
  smalltalkNone: 'No small-talk posts in the period.',
  topFinding: (kind, v) => `Most residents' comments per post: ${kind} (${v}).`,
  of: (a, b) => `${a} of ${b}`,
  suppressedGroup: 'hidden (fewer than 5 municipalities)',
  municipalitiesN: (n) => `${n} municipalities with posts`,
  download: 'Download (CSV)',
};

export const sectorTexts = (lang: Lang): SectorTexts => (lang === 'en' ? en : nb);
