import type { Lang } from './format.js';
import { en } from './i18n-en.js';
import { nb } from './i18n-nb.js';

/**
 * Report wording, Norwegian bokmål (default) and English. Plain words an information chief can forward to
 * the chief executive: no indicator ids in the prose; each figure is named the same way everywhere. The
 * texts themselves are in i18n-nb.ts and i18n-en.ts.
 */
export type Strings = {
  product: string;
  title: string;
  municipalitySuffix: string;
  intro: (municipality: string, span: string) => string;
  bands: Record<string, string>;
  bandMeaning: Record<string, string>;
  dialogueIndex: string;
  dialogueIndexHelp: string;
  insufficient: (questions: string) => string;
  noData: string;
  parts: { r: string; t: string; h: string; v: string; f: string };
  partsHelp: { r: string; t: string; h: string; v: string; f: string };
  thisWeek: string;
  lastWeek: string;
  baseline: string;
  /** What each comparison column rests on (counts, shares, times). */
  baselineNote: string;
  /** Column heads of the index table: every index value is a four-week window. */
  indexCols: { thisWeek: string; lastWeek: string; baseline: string };
  /** Shown beside the week when it is still running. */
  runningWeek: string;
  /** `3 av 12` */
  nOfM: (n: string, m: string) => string;
  /** Caveat on a median response time resting on few answers. */
  medianRests: (n: string, m: string) => string;
  targetLine: (n: string, m: string, target: string) => string;
  targetDefault: string;
  targetHours: (h: string) => string;
  peerCountry: string;
  peerChosen: string;
  vsLastWeek: string;
  vsBaseline: string;
  points: string;
  keyFigures: string;
  questions: string;
  answered: string;
  medianResponse: string;
  openAtWeekEnd: string;
  sections: {
    summary: string;
    quality: string;
    index: string;
    peers: string;
    activity: string;
    responsiveness: string;
    open: string;
    postKinds: string;
    threads: string;
    moderation: string;
    platforms: string;
    about: string;
  };
  peersIntro: string;
  peerCounty: (county: string) => string;
  peerSize: (basis: 'population' | 'followers', label: string, year: string | null) => string;
  sizeLabels: Record<string, string>;
  percentileText: (p: string, n: string) => string;
  peerSuppressed: (n: string) => string;
  peerOwnMissing: string;
  peerMedian: string;
  metricDialogue: string;
  metricResponseRate: string;
  activityRows: {
    ownerPosts: string;
    ownerReplies: string;
    citizenItems: string;
    citizenAuthors: string;
    citizenShare: string;
    replyShare: string;
  };
  megaphone: (ratio: string) => string;
  respRows: {
    questions: string;
    responseRate: string;
    timelyRate: string;
    median: string;
    p90: string;
    officeMedian: string;
    officeP90: string;
  };
  allHours: string;
  officeHours: string;
  ci: (low: string, high: string) => string;
  buckets: Record<string, string>;
  openText: (count: string, oldest: string, age: string) => string;
  openNone: string;
  stillOpen: (n: string) => string;
  postKindNames: Record<string, string>;
  postKindCols: { kind: string; posts: string; comments: string; perPost: string; questions: string; share: string };
  postKindFinding: (kind: string, share: string) => string;
  postKindNone: string;
  threadLine: (date: string, platform: string, kind: string) => string;
  threadFigures: (items: string, authors: string, replies: string) => string;
  threadsNone: string;
  openPost: string;
  moderationText: (hidden: string, deleted: string, abusive: string) => string;
  platformCols: {
    platform: string;
    posts: string;
    replies: string;
    citizen: string;
    questions: string;
    rate: string;
    median: string;
    coverage: string;
  };
  quality: {
    ok: (coverage: string) => string;
    lowCoverage: (coverage: string) => string;
    recentWeek: string;
    gaps: (list: string) => string;
    followersUnknown: string;
    engagementLate: (posts: string, days: string) => string;
    missingWeeks: (n: string) => string;
  };
  charts: {
    trendTitle: string;
    trendDesc: (weeks: string, index: string, rate: string) => string;
    activityTitle: string;
    activityDesc: (posts: string, replies: string, citizen: string) => string;
    responseTitle: string;
    responseDesc: (list: string) => string;
    responseEmpty: string;
    weekAxis: string;
    seriesIndex: string;
    seriesRate: string;
    seriesPosts: string;
    seriesReplies: string;
    seriesCitizen: string;
    noValue: string;
  };
  about: (defVersion: string, classifier: string, asOf: string) => string;
  residentsNote: string;
  subject: (municipality: string, week: string, index: string | null) => string;
  pdfNote: string;
};

export const STRINGS: Record<Lang, Strings> = { nb, en };
export const t = (lang: Lang): Strings => STRINGS[lang];
