/**
 * The registry of indicator ids, definition version 1 (../shared/INDICATORS.md), in the contract's output
 * order. Every stored or printed `values` object carries every id here (null where undefined).
 */
export const DEFINITION_VERSION = 1;

export const INDICATOR_IDS = [
  // Output: the megaphone
  'owner_posts',
  'owner_replies',
  'reply_share',
  'megaphone_ratio',
  // Citizen voice
  'citizen_posts',
  'citizen_comments',
  'citizen_share',
  'citizen_per_1000_followers',
  'citizen_authors',
  // Responsiveness
  'questions',
  'questions_answered',
  'response_rate',
  'response_rate_ci_low',
  'response_rate_ci_high',
  'response_rate_all',
  'timely_answered',
  'timely_rate',
  'response_time_median_h',
  'response_time_p90_h',
  'response_time_office_median_h',
  'unanswered_open',
  // Threads
  'posts_with_citizen_comments',
  'two_way_posts',
  'two_way_share',
  'one_way_posts',
  'followup_rate',
  'conversation_depth',
  // Attention (Bonsón, Royo & Ratkai 2015)
  'p1',
  'p2',
  'p3',
  'c1',
  'c2',
  'c3',
  'c2_citizen',
  'v1',
  'v2',
  'v3',
  'engagement',
  // Moderation
  'hidden_citizen_items',
  'deleted_citizen_items',
  'abusive_citizen_items',
  // Dialogue index over the 4 weeks ending with the week, its band, and its five parts (each 0–1)
  'dialogue_index',
  'dialogue_band',
  'dialogue_r',
  'dialogue_t',
  'dialogue_h',
  'dialogue_v',
  'dialogue_f',
] as const;

export type IndicatorId = (typeof INDICATOR_IDS)[number];
export type IndicatorValue = number | string | null;
export type IndicatorValues = Record<IndicatorId, IndicatorValue>;
/** The count each value rests on (a ratio's denominator, a count's own value), plus a few named helper counts. */
export type IndicatorN = Partial<Record<IndicatorId, number>> & Record<string, number>;
export type IndicatorFlag =
  | 'insufficient_data'
  | 'followers_unknown'
  | 'followers_partial'
  | 'followers_estimated'
  | 'no_shares_platform'
  | 'citizen_posts_unavailable'
  | 'citizen_posts_partial'
  | 'engagement_late'
  | 'engagement_partial'
  | 'classification_pending'
  | 'thread_incomplete'
  | 'suppressed';
export type IndicatorFlags = Partial<Record<IndicatorId, IndicatorFlag[]>>;

export type Scope = 'account' | 'municipality' | 'county' | 'sector';
export const SCOPES: readonly Scope[] = ['account', 'municipality', 'county', 'sector'];
/** The sector's scope id. */
export const SECTOR_ID = 'NO';

/** Ratios that rest on questions: suppressed for the sector role when the scope has fewer than 5 questions. */
export const QUESTION_RATIOS: readonly IndicatorId[] = [
  'response_rate',
  'response_rate_ci_low',
  'response_rate_ci_high',
  'timely_rate',
  'response_time_median_h',
  'response_time_p90_h',
  'response_time_office_median_h',
  'followup_rate',
  'dialogue_index',
  'dialogue_band',
  'dialogue_r',
  'dialogue_t',
  'dialogue_f',
];

/** Indicators whose distribution over municipalities county and sector rows report (p25, median, p75). */
export const DISTRIBUTION_IDS = ['response_rate', 'reply_share', 'citizen_share', 'dialogue_index'] as const;
export type DistributionId = (typeof DISTRIBUTION_IDS)[number];
export type Distribution = Record<
  DistributionId,
  { p25: number | null; median: number | null; p75: number | null; municipalities: number }
>;

/** Small-group threshold for the sector role (DESIGN.md: no figure from a group smaller than 5). */
export const SUPPRESSION_MIN = 5;
