import { percentileCont } from './percentile.js';

/**
 * Where a municipality stands among peers, one definition for the report, the e-mail and the dashboard.
 * Groups: the county; the size band by population (SSB, 1 January of the year imported), or by follower band
 * when the population is not imported; the whole country; and the peer set the municipality picked.
 * Position is a percentile rank (share of the others with a lower value, ties count half) with the group's n;
 * a group with fewer than PEER_MIN municipalities with a value is suppressed (DESIGN.md: no figure from a
 * group smaller than 5).
 */
export const PEER_MIN = 5;

export type SizeBand = 'small' | 'medium' | 'large';
export type FollowerBand = 'followers_lt2000' | 'followers_2000_9999' | 'followers_10000';

/** Size bands by population (SSB/KOSTRA-style: under 5,000, 5,000–19,999, 20,000 and more). */
export function sizeGroup(population: number): SizeBand {
  return population < 5000 ? 'small' : population < 20000 ? 'medium' : 'large';
}
/** Follower bands, used for size groups when the population is not imported. */
export function followerBand(followers: number): FollowerBand {
  return followers < 2000 ? 'followers_lt2000' : followers < 10000 ? 'followers_2000_9999' : 'followers_10000';
}

/** Percentile rank of `own` among `others` (strictly below + half of ties), 0–100. */
export function percentileRank(own: number, others: readonly number[]): number {
  if (others.length === 0) return 50;
  const below = others.filter((x) => x < own).length;
  const ties = others.filter((x) => x === own).length;
  return (100 * (below + ties / 2)) / others.length;
}

export type PeerPosition = {
  group: 'county' | 'size' | 'country' | 'chosen';
  /** County name, the size/follower band key (`small`, `medium`, `large`; `followers_lt2000`, …), `country` or `chosen`. */
  label: string;
  basis: 'county' | 'population' | 'followers' | 'country' | 'chosen';
  /** Reference year of the population figures (size bands by population only). */
  populationYear?: number | null;
  /** Municipalities in the group with a value (the municipality's own included). */
  groupSize: number;
  /** 0–100: share of the other group members below this municipality (ties count half); null when suppressed or own value missing. */
  percentile: number | null;
  median: number | null;
  suppressed: boolean;
};

/** One municipality's value of the week, with what places it in groups. */
export type PeerMember = { code: string; countyCode: string; population: number | null; followers: number | null; value: number | null };

export type PeerSubject = {
  code: string;
  countyCode: string;
  countyName: string;
  population: number | null;
  populationYear: number | null;
  /** Codes of the peer set the municipality picked (empty: none picked). */
  chosen: readonly string[];
};

const median = (xs: readonly number[]): number | null => percentileCont([...xs], 0.5);

/** The municipality's position in each of its groups. */
export function peerPositions(subject: PeerSubject, members: readonly PeerMember[]): PeerPosition[] {
  const own = members.find((m) => m.code === subject.code);
  const groups: Array<Omit<PeerPosition, 'groupSize' | 'percentile' | 'median' | 'suppressed'> & { in: readonly PeerMember[] }> = [];
  groups.push({
    group: 'county',
    label: subject.countyName,
    basis: 'county',
    in: members.filter((m) => m.countyCode === subject.countyCode),
  });
  if (subject.population !== null) {
    const band = sizeGroup(subject.population);
    groups.push({
      group: 'size',
      label: band,
      basis: 'population',
      populationYear: subject.populationYear,
      in: members.filter((m) => m.population !== null && sizeGroup(m.population) === band),
    });
  } else if (own?.followers) {
    const band = followerBand(own.followers);
    groups.push({
      group: 'size',
      label: band,
      basis: 'followers',
      in: members.filter((m) => m.followers !== null && followerBand(m.followers) === band),
    });
  }
  groups.push({ group: 'country', label: 'country', basis: 'country', in: members });
  if (subject.chosen.length > 0) {
    const chosen = new Set([...subject.chosen, subject.code]);
    groups.push({ group: 'chosen', label: 'chosen', basis: 'chosen', in: members.filter((m) => chosen.has(m.code)) });
  }
  const ownValue = own?.value ?? null;
  return groups.map(({ in: group, ...g }) => {
    const withValue = group.filter((m) => m.value !== null);
    const suppressed = withValue.length < PEER_MIN;
    const others = withValue.filter((m) => m.code !== subject.code).map((m) => m.value as number);
    return {
      ...g,
      groupSize: withValue.length,
      suppressed,
      percentile: suppressed || ownValue === null ? null : percentileRank(ownValue, others),
      median: suppressed ? null : median(withValue.map((m) => m.value as number)),
    };
  });
}
