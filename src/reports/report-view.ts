import type { IsoWeek } from '../indicators/iso-week.js';
import type { PeerPosition } from '../indicators/peers.js';
import type { ReportTopics } from './topics-section.js';

/** The weekly report's view model; how each figure is computed and compared is described in weekly-report.ts. */

export type Band = 'megafon' | 'oppslagstavle' | 'samtalepartner' | 'høreapparat';
export type Compared = { value: number | null; lastWeek: number | null; baseline: number | null };

export type ResponseBucket = { key: 'lt1h' | 'h1to4' | 'h4to24' | 'd1to3' | 'd3to7' | 'unanswered'; count: number };

export type PlatformSummary = {
  platform: string;
  accounts: number;
  ownerPosts: number;
  ownerReplies: number;
  citizenItems: number;
  questions: number;
  questionsAnswered: number;
  responseRate: number | null;
  responseTimeMedianH: number | null;
  coverage: number | null;
};

export type ReportView = {
  week: IsoWeek;
  /** The running week, read before it ended: every figure is "so far this week" and provisional. */
  running: boolean;
  /** "Dette spurte innbyggerne om" (issue 25): set by the caller from the topic figures; absent = section left out. */
  topics?: ReportTopics;
  weekStart: Date;
  weekEnd: Date;
  asOf: Date;
  definitionVersion: number;
  classifierVersion: string;
  municipality: { code: string; name: string; countyName: string; population: number | null };
  platforms: string[];
  hasData: boolean;
  dialogue: {
    index: Compared;
    band: Band | null;
    insufficientData: boolean;
    /** Questions in the 4-week window the index rests on. */
    windowQuestions: number | null;
    parts: { r: Compared; t: Compared; h: Compared; v: Compared; f: Compared };
  };
  peers: { dialogueIndex: PeerPosition[]; responseRate: PeerPosition[] };
  activity: {
    ownerPosts: Compared;
    ownerReplies: Compared;
    citizenItems: Compared;
    citizenAuthors: Compared;
    citizenShare: Compared;
    replyShare: Compared;
    megaphoneRatio: number | null;
  };
  responsiveness: {
    questions: Compared;
    questionsAnswered: number | null;
    responseRate: Compared;
    responseRateCi: { low: number | null; high: number | null };
    timelyRate: Compared;
    medianH: Compared;
    p90H: number | null;
    officeMedianH: number | null;
    officeP90H: number | null;
    buckets: ResponseBucket[];
    /** The response target in office hours and the week's questions answered within it. */
    target: { officeHours: number; custom: boolean; withinTarget: number; questions: number };
  };
  open: { count: number | null; oldestAskedAt: Date | null; oldestAgeHours: number | null; stillOpenAtAsOf: number };
  postKinds: Array<{ kind: string; posts: number; citizenComments: number; questions: number; share: number | null }>;
  topThreads: Array<{
    platform: string;
    postedAt: Date;
    kind: string;
    postText: string | null;
    permalink: string | null;
    citizenItems: number;
    citizenAuthors: number;
    ownerReplies: number;
  }>;
  moderation: { hidden: number | null; deleted: number | null; abusive: number | null };
  quality: {
    coverage: number | null;
    provisional: boolean;
    provisionalReasons: Array<'low_coverage' | 'recent_week'>;
    gaps: Array<{ platform: string; handle: string | null }>;
    followersUnknown: boolean;
    /** Posts of the week whose engagement was first measured more than 7 days after them (a first backfill). */
    engagementLate: { posts: number; medianDays: number | null } | null;
    missingWeeks: IsoWeek[];
  };
  perPlatform: PlatformSummary[];
  trend: Array<{
    week: IsoWeek;
    dialogueIndex: number | null;
    responseRate: number | null;
    ownerPosts: number | null;
    ownerReplies: number | null;
    citizenItems: number | null;
  }>;
};
