import { DEFINITION_VERSION } from '../indicators/definitions.js';
import { addWeeks, weekBounds, weekRange, type IsoWeek } from '../indicators/iso-week.js';
import type { IndicatorRow } from '../indicators/indicator-row.js';
import type { Queryable } from './db.js';
import { readIndicatorValues } from './indicator-values.js';
import { loadQuestionTimes, type QuestionTimes } from './report-question-times.js';

/**
 * Everything one weekly report rests on, read from the store in a few set-based queries for any number of
 * municipalities at once (one report, or all 357 for the Monday run). What comes back is plain data: the
 * report's view model (src/reports/weekly-report.ts) is a pure function of it, and the archive stores it
 * beside the rendered files so a report can be reproduced. No resident text is read: only counts, times and
 * the municipality's own post texts.
 */

/** The weeks of the trend chart (the report's week and the 11 before it). */
export const TREND_WEEKS = 12;
/** Weeks of the municipality's own baseline, before the report's week. */
export const BASELINE_WEEKS = 8;
/** Threads listed as the week's most engaging. */
export const TOP_THREADS = 3;

/** One stored indicator row, as a report needs it (the row type's figures; the time as ISO text for the JSON view). */
export type StoredFigures = Pick<IndicatorRow, 'values' | 'n' | 'flags' | 'coverage' | 'gapAccounts' | 'provisional'> & {
  computedAt: string;
};

export type ReportAccount = { id: string; platform: string; handle: string | null; externalId: string };

/** One peer municipality's week (every municipality with a stored row, the report's own included). */
export type PeerFigures = {
  code: string;
  countyCode: string;
  population: number | null;
  followers: number | null;
  dialogueIndex: number | null;
  responseRate: number | null;
};

export type PostKindFigures = {
  platform: string;
  /** Classifier post kind of the thread's post; `unclassified` when the post has none at this version. */
  kind: string;
  /** Broadcast posts of this kind created in the week. */
  posts: number;
  /** Citizen comments created in the week under posts of this kind (whatever week the post began). */
  citizenComments: number;
  /** Of those, the ones the classifier marks as needing an answer. */
  questions: number;
};

export type ThreadFigures = {
  platform: string;
  rootExternalId: string;
  postedAt: string;
  kind: string;
  /** The municipality's own post text (never a resident's); null when purged or absent. */
  postText: string | null;
  permalink: string | null;
  citizenItems: number;
  citizenAuthors: number;
  ownerReplies: number;
};

export type ReportInputs = {
  week: IsoWeek;
  /** When the inputs were read: answers after this instant are not known to the report. */
  asOf: string;
  definitionVersion: number;
  classifierVersion: string;
  municipality: {
    code: string;
    name: string;
    countyCode: string;
    countyName: string;
    population: number | null;
    /** Reference year (1 January) of the population figure; null when set by hand or not imported. */
    populationYear: number | null;
    officeHours: unknown;
    /** Office hours within which a question should be answered; null = one office day. */
    responseTargetOfficeHours: number | null;
    /** The peer set the municipality picked (codes; empty when none). */
    peerSet: string[];
  };
  accounts: ReportAccount[];
  /** Municipality rows of the trend weeks, oldest first; null where nothing is stored. */
  series: Array<{ week: IsoWeek; figures: StoredFigures | null }>;
  /** Account rows of the report's week. */
  accountRows: Array<{ accountId: string; figures: StoredFigures }>;
  peers: PeerFigures[];
  /**
   * Question turns begun in the week or in the 7 days before its end (they differ only in DST weeks), with
   * answers and removals as known at `asOf`: the week's questions and those still open at its end.
   */
  questions: QuestionTimes[];
  postKinds: PostKindFigures[];
  topThreads: ThreadFigures[];
};

type MuniRow = {
  code: string;
  name: string;
  county_code: string;
  county_name: string;
  population: number | null;
  population_year: number | null;
  office_hours: unknown;
  target: string | null;
  peer_set: string[];
};

export const toFigures = (
  r: Pick<IndicatorRow, 'values' | 'n' | 'flags' | 'coverage' | 'gapAccounts' | 'provisional' | 'computedAt'>,
): StoredFigures => ({
  values: r.values,
  n: r.n,
  flags: r.flags,
  coverage: r.coverage,
  gapAccounts: r.gapAccounts,
  provisional: r.provisional,
  computedAt: r.computedAt.toISOString(),
});

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Every municipality with a stored row of the week, with what places it among peers (the report's and the dashboard's). */
export async function loadPeerFigures(db: Queryable, args: { week: IsoWeek; definitionVersion: number }): Promise<PeerFigures[]> {
  const { rows: munis } = await db.query<{ code: string; county_code: string; population: number | null }>(
    'select code, county_code, population from municipalities',
  );
  const byCode = new Map(munis.map((m) => [m.code, m]));
  const rows = await readIndicatorValues(db, { weeks: [args.week], scope: 'municipality', definitionVersion: args.definitionVersion });
  return rows.map((r) => ({
    code: r.scopeId,
    countyCode: byCode.get(r.scopeId)?.county_code ?? r.county ?? '',
    population: byCode.get(r.scopeId)?.population ?? null,
    followers: r.n.followers && r.n.followers > 0 ? r.n.followers : null,
    dialogueIndex: num(r.values.dialogue_index),
    responseRate: num(r.values.response_rate),
  }));
}

/**
 * Reads the inputs of `week` for the named municipalities (all municipalities when omitted; those without a
 * stored row of the week are still returned, with empty figures). `asOf` bounds what answers are known.
 */
export async function loadReportInputs(
  db: Queryable,
  args: { week: IsoWeek; municipalities?: readonly string[]; asOf: Date; classifierVersion: string; definitionVersion?: number },
): Promise<Map<string, ReportInputs>> {
  const definitionVersion = args.definitionVersion ?? DEFINITION_VERSION;
  const { start, end } = weekBounds(args.week);
  const codes = args.municipalities ? [...args.municipalities] : null;

  const { rows: munis } = await db.query<MuniRow>(
    `select m.code, m.name, m.county_code, c.name as county_name, m.population, m.population_year, m.office_hours,
            m.response_target_office_hours::text as target,
            coalesce((select array_agg(p.peer_code order by p.peer_code) from municipality_peers p where p.municipality_code = m.code), '{}') as peer_set
     from municipalities m
     join counties c on c.code = m.county_code
     order by m.code`,
  );
  const { rows: accounts } = await db.query<{
    id: number;
    platform: string;
    handle: string | null;
    external_id: string;
    municipality_code: string;
  }>(
    `select id, platform, handle, external_id, municipality_code
     from accounts
     where ($1::text[] is null or municipality_code = any($1::text[]))
     order by municipality_code, platform, id`,
    [codes],
  );

  const trend = weekRange(addWeeks(args.week, -(TREND_WEEKS - 1)), args.week);
  const muniRows = await readIndicatorValues(db, { weeks: trend, scope: 'municipality', definitionVersion });
  const accRows = await readIndicatorValues(db, { weeks: [args.week], scope: 'account', definitionVersion });

  const byMuniWeek = new Map<string, StoredFigures>();
  for (const r of muniRows) byMuniWeek.set(`${r.scopeId}|${r.week}`, toFigures(r));
  const peers = await loadPeerFigures(db, { week: args.week, definitionVersion });

  // Answers may come up to 7 days after the question; the report knows those that exist at asOf.
  const knownAt = new Date(Math.min(args.asOf.getTime(), end.getTime() + 7 * 86_400_000));
  const since = new Date(Math.min(start.getTime(), end.getTime() - 7 * 86_400_000));
  const weekQs = await loadQuestionTimes(db, {
    since,
    until: end,
    knownAt,
    classifierVersion: args.classifierVersion,
    municipalities: codes,
  });

  const { rows: kinds } = await db.query<{
    municipality_code: string;
    platform: string;
    kind: string;
    posts: number;
    citizen_comments: number;
    questions: number;
  }>(
    `with acc as (
       select id, municipality_code from accounts
       where ($3::text[] is null or municipality_code = any($3::text[]))
     ),
     posts as (
       select a.municipality_code, i.platform, coalesce(c.post_kind, 'unclassified') as kind, count(*)::int as posts
       from items i
       join acc a on a.id = i.account_id
       left join classifications c on c.item_id = i.id and c.classifier_version = $4
       where i.kind = 'post' and i.author_role = 'owner' and i.created_at >= $1 and i.created_at < $2
       group by 1, 2, 3
     ),
     comments as (
       select a.municipality_code, i.platform, coalesce(c.post_kind, 'unclassified') as kind,
         count(*)::int as citizen_comments,
         (count(*) filter (where q.needs_answer))::int as questions
       from items i
       join acc a on a.id = i.account_id
       join items r on r.platform = i.platform and r.external_id = i.root_external_id
         and r.kind = 'post' and r.author_role = 'owner'
       left join classifications c on c.item_id = r.id and c.classifier_version = $4
       left join classifications q on q.item_id = i.id and q.classifier_version = $4
       where i.kind = 'comment' and i.author_role = 'citizen' and i.created_at >= $1 and i.created_at < $2
       group by 1, 2, 3
     )
     select coalesce(p.municipality_code, k.municipality_code) as municipality_code,
       coalesce(p.platform, k.platform) as platform, coalesce(p.kind, k.kind) as kind,
       coalesce(p.posts, 0) as posts, coalesce(k.citizen_comments, 0) as citizen_comments,
       coalesce(k.questions, 0) as questions
     from posts p
     full join comments k on k.municipality_code = p.municipality_code and k.platform = p.platform and k.kind = p.kind
     order by 1, 2, 3`,
    [start, end, codes, args.classifierVersion],
  );

  const { rows: threads } = await db.query<{
    municipality_code: string;
    platform: string;
    root: string;
    posted_at: Date;
    kind: string;
    post_text: string | null;
    permalink: string | null;
    citizen_items: number;
    citizen_authors: number;
    owner_replies: number;
  }>(
    `with acc as (
       select id, municipality_code from accounts
       where ($3::text[] is null or municipality_code = any($3::text[]))
     ),
     t as (
       select a.municipality_code, r.platform, r.external_id as root, r.created_at as posted_at,
         coalesce(c.post_kind, 'unclassified') as kind, r.text as post_text, r.permalink,
         (count(*) filter (where i.author_role = 'citizen'))::int as citizen_items,
         (count(distinct i.author_key) filter (where i.author_role = 'citizen'))::int as citizen_authors,
         (count(*) filter (where i.author_role = 'owner'))::int as owner_replies
       from items i
       join acc a on a.id = i.account_id
       join items r on r.platform = i.platform and r.external_id = i.root_external_id
         and r.kind = 'post' and r.author_role = 'owner'
       left join classifications c on c.item_id = r.id and c.classifier_version = $4
       where i.kind = 'comment' and i.created_at >= $1 and i.created_at < $2
       group by a.municipality_code, r.platform, r.external_id, r.created_at, c.post_kind, r.text, r.permalink
     ),
     ranked as (
       select t.*, row_number() over (
         partition by municipality_code
         order by citizen_items desc, citizen_authors desc, posted_at, root) as rank
       from t
       where citizen_items > 0
     )
     select * from ranked where rank <= $5 order by municipality_code, rank`,
    [start, end, codes, args.classifierVersion, TOP_THREADS],
  );

  const accountsByMuni = groupBy(accounts, (a) => a.municipality_code);
  const accountMuni = new Map(accounts.map((a) => [String(a.id), a.municipality_code]));
  const weekQsByMuni = groupBy(weekQs, (q) => q.municipalityCode);
  const kindsByMuni = groupBy(kinds, (k) => k.municipality_code);
  const threadsByMuni = groupBy(threads, (t) => t.municipality_code);
  const accRowsByMuni = groupBy(
    accRows.filter((r) => accountMuni.has(r.scopeId)),
    (r) => accountMuni.get(r.scopeId) as string,
  );

  const out = new Map<string, ReportInputs>();
  for (const m of munis) {
    if (codes && !codes.includes(m.code)) continue;
    out.set(m.code, {
      week: args.week,
      asOf: args.asOf.toISOString(),
      definitionVersion,
      classifierVersion: args.classifierVersion,
      municipality: {
        code: m.code,
        name: m.name,
        countyCode: m.county_code,
        countyName: m.county_name,
        population: m.population,
        populationYear: m.population_year,
        officeHours: m.office_hours,
        responseTargetOfficeHours: m.target === null ? null : Number(m.target),
        peerSet: m.peer_set,
      },
      accounts: (accountsByMuni.get(m.code) ?? []).map((a) => ({
        id: String(a.id),
        platform: a.platform,
        handle: a.handle,
        externalId: a.external_id,
      })),
      series: trend.map((w) => ({ week: w, figures: byMuniWeek.get(`${m.code}|${w}`) ?? null })),
      accountRows: (accRowsByMuni.get(m.code) ?? []).map((r) => ({ accountId: r.scopeId, figures: toFigures(r) })),
      peers,
      questions: (weekQsByMuni.get(m.code) ?? []).map(({ municipalityCode: _m, ...q }) => q),
      postKinds: (kindsByMuni.get(m.code) ?? []).map((k) => ({
        platform: k.platform,
        kind: k.kind,
        posts: k.posts,
        citizenComments: k.citizen_comments,
        questions: k.questions,
      })),
      topThreads: (threadsByMuni.get(m.code) ?? []).map((t) => ({
        platform: t.platform,
        rootExternalId: t.root,
        postedAt: new Date(t.posted_at).toISOString(),
        kind: t.kind,
        postText: t.post_text,
        permalink: t.permalink,
        citizenItems: t.citizen_items,
        citizenAuthors: t.citizen_authors,
        ownerReplies: t.owner_replies,
      })),
    });
  }
  return out;
}

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}
