import type { PlatformActivity } from '../store/annual.js';
import { parseIsoWeek, type IsoWeek } from './iso-week.js';
import { PEER_MIN } from './peers.js';
import { rateOf, type Interval, type KindScope } from './post-kind-figures.js';
import { SURVEY_2011, type SurveyMeasure } from './survey-2011.js';

/**
 * The annual "Dialog i kommunesektoren" summary (#23 part B): the 2011 survey's own measures where observed
 * data can answer them, beside the survey's figures. Measured over the ISO weeks of one year (to the last
 * complete week while the year runs):
 * - active on social media: a municipality with at least one broadcast post on an account Lyttepost follows;
 *   share of the register's municipalities (a lower bound: accounts Lyttepost does not follow are not seen);
 * - per platform: municipalities active there among those active anywhere (the survey's "of those");
 * - posts that got a resident's comment: posts_with_citizen_comments / owner_posts (sector, summed weeks);
 * - residents' questions answered: questions_answered / questions within 7 days (sector, summed weeks);
 * - "god helg": where small talk ranks by residents' comments per post among the kinds of posts.
 * Each share with its n and a Wilson 95 % interval. Suppressed view: nothing measured from fewer than 5
 * municipalities.
 */
export const SUMMARY_PLATFORMS = ['facebook', 'x', 'youtube', 'instagram', 'bluesky', 'mastodon'] as const;

/** The ISO weeks of `year` (52 or 53), ending at `lastComplete` while the year runs; null when it has not begun. */
export function yearWeeks(year: number, lastComplete: IsoWeek): { from: IsoWeek; to: IsoWeek; complete: boolean } | null {
  const from = `${year}-W01`;
  let last = `${year}-W53`;
  try {
    parseIsoWeek(last);
  } catch {
    last = `${year}-W52`;
  }
  if (lastComplete < from) return null;
  return lastComplete < last ? { from, to: lastComplete, complete: false } : { from, to: last, complete: true };
}

export type SectorSums = { ownerPosts: number; postsCommented: number; questions: number; answered: number; municipalities: number };

export type MeasuredRow = {
  measure: SurveyMeasure;
  /** The measured share, its n and interval; null when the measure cannot be observed or is suppressed. */
  measured: Interval | null;
  /** For `god_helg`: small talk's rank by comments per post, of how many kinds. */
  rank?: { rank: number; of: number; perPost: Interval } | null;
  suppressed: boolean;
};

export type AnnualSummary = {
  year: number;
  from: IsoWeek;
  to: IsoWeek;
  complete: boolean;
  registerMunicipalities: number;
  monitoredMunicipalities: number;
  activeMunicipalities: number;
  platforms: Array<{ platform: string; monitored: number; active: number; shareOfActive: Interval }>;
  rows: MeasuredRow[];
};

const PLATFORM_OF: Partial<Record<SurveyMeasure['id'], string>> = { facebook: 'facebook', twitter: 'x', youtube: 'youtube' };

export function buildAnnualSummary(i: {
  year: number;
  weeks: { from: IsoWeek; to: IsoWeek; complete: boolean };
  registerMunicipalities: number;
  activity: readonly PlatformActivity[];
  sector: SectorSums;
  postKinds: KindScope | null;
  suppressed: boolean;
}): AnnualSummary {
  const monitored = new Set(i.activity.map((a) => a.municipalityCode));
  const active = new Set(i.activity.filter((a) => a.posts > 0).map((a) => a.municipalityCode));
  const platforms = [...new Set([...SUMMARY_PLATFORMS, ...i.activity.map((a) => a.platform)])]
    .map((platform) => {
      const here = i.activity.filter((a) => a.platform === platform);
      const act = new Set(here.filter((a) => a.posts > 0).map((a) => a.municipalityCode)).size;
      return {
        platform,
        monitored: new Set(here.map((a) => a.municipalityCode)).size,
        active: act,
        shareOfActive: rateOf(act, active.size),
      };
    })
    .filter((p) => p.monitored > 0 || (SUMMARY_PLATFORMS as readonly string[]).slice(0, 3).includes(p.platform));
  const hide = i.suppressed && active.size < PEER_MIN;
  const rows = SURVEY_2011.map((measure): MeasuredRow => {
    const row = (measured: Interval | null, extra: Partial<MeasuredRow> = {}): MeasuredRow => ({
      measure,
      measured: hide ? null : measured,
      suppressed: hide && measure.observable !== 'no',
      ...extra,
    });
    const pf = PLATFORM_OF[measure.id];
    if (measure.id === 'on_social_media') return row(rateOf(active.size, i.registerMunicipalities));
    if (pf) return row(platforms.find((p) => p.platform === pf)?.shareOfActive ?? rateOf(0, active.size));
    if (measure.id === 'few_citizen_posts') return row(rateOf(i.sector.postsCommented, i.sector.ownerPosts));
    if (measure.id === 'no_resources_to_answer') return row(rateOf(i.sector.answered, i.sector.questions));
    if (measure.id === 'god_helg') {
      const kinds = (i.postKinds?.kinds ?? []).filter(
        (k) => k.kind !== 'unclassified' && k.commentsPerPost.value !== null && !k.suppressed.includes('commentsPerPost'),
      );
      const ranked = [...kinds].sort((a, b) => (b.commentsPerPost.value as number) - (a.commentsPerPost.value as number));
      const at = ranked.findIndex((k) => k.kind === 'smalltalk');
      const small = ranked[at];
      return row(null, { rank: hide || !small ? null : { rank: at + 1, of: ranked.length, perPost: small.commentsPerPost } });
    }
    return row(null);
  });
  return {
    year: i.year,
    from: i.weeks.from,
    to: i.weeks.to,
    complete: i.weeks.complete,
    registerMunicipalities: i.registerMunicipalities,
    monitoredMunicipalities: monitored.size,
    activeMunicipalities: active.size,
    platforms: hide
      ? platforms.map((p) => ({ ...p, shareOfActive: { value: null, n: p.shareOfActive.n, low: null, high: null } }))
      : platforms,
    rows,
  };
}
