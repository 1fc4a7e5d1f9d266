/**
 * The statement that ends an indicator run's item-level half (account-weeks.ts): it reads the temporary tables
 * computeAccountWeeks builds (ind_weeks, ind_items, ind_ti, ind_turns, ind_posts) inside the same transaction.
 */

/**
 * One row per account (of $2, or all) and week of ind_weeks: the universe with followers at the week's end,
 * joined to the week's figures from the temp tables. $1 classifier version, $3 computed_at, $4 share platforms,
 * $5 platforms whose residents' top-level posts cannot be read.
 */
export const INSERT_ACCOUNT_WEEKS = `
insert into indicator_account_weeks
  (account_id, week, classifier_version, figures, citizen_authors, asked_at, answered_at, answer_hours,
   late_snapshot_days, computed_at)
with u as (
  select w.week, w.wk, w.we, a.id as account_id, a.platform
  from ind_weeks w
  cross join accounts a
  where $2::bigint[] is null or a.id = any ($2::bigint[])
),
fol as (
  select u.wk, u.account_id, f.followers, e.followers as estimated
  from u
  left join lateral (
    select s.followers
    from follower_snapshots s
    where s.account_id = u.account_id and s.captured_at <= u.we
    order by s.captured_at desc
    limit 1
  ) f on true
  -- No snapshot yet at the window's end (history backfilled before the first snapshot): the earliest one taken
  -- within 56 days after it stands in, flagged followers_estimated (docs/indicators.md).
  left join lateral (
    select s.followers
    from follower_snapshots s
    where f.followers is null and s.account_id = u.account_id
      and s.captured_at > u.we and s.captured_at <= u.we + interval '56 days'
    order by s.captured_at
    limit 1
  ) e on true
),
-- Grouped by the week number first (hash aggregates; ind_weeks only names them in u), ordered aggregates kept
-- to the few rows that need them.
it as (
  select x.wk, x.account_id,
    count(*) filter (where x.author_role = 'owner' and x.is_top) as owner_posts,
    count(*) filter (where x.author_role = 'owner' and not x.is_top) as owner_replies,
    count(*) filter (where x.author_role = 'citizen' and x.is_top) as citizen_posts,
    count(*) filter (where x.author_role = 'citizen' and not x.is_top) as citizen_comments,
    count(*) filter (where x.author_role = 'citizen' and x.hidden_at is not null) as hidden_citizen_items,
    count(*) filter (where x.author_role = 'citizen' and x.deleted_at is not null) as deleted_citizen_items,
    count(*) filter (where x.author_role = 'citizen' and x.abusive) as abusive_citizen_items,
    count(*) filter (where x.author_role = 'citizen' and x.unclassified) as unclassified_citizen_items,
    -- Thread root not stored (read as an owner thread) or branch unresolved (left out of turns): flagged.
    count(*) filter (where x.author_role = 'citizen' and (x.root_missing or x.branch is null)) as citizen_items_unplaced
  from ind_items x
  group by x.wk, x.account_id
),
au as (
  select d.wk, d.account_id, array_agg(d.author_key order by d.author_key) as citizen_authors
  from (select distinct wk, account_id, author_key from ind_items where author_role = 'citizen') d
  group by d.wk, d.account_id
),
tu as (
  select x.wk, x.account_id,
    count(*) filter (where x.is_question) as questions,
    count(*) filter (where x.is_question and x.answered) as questions_answered,
    count(*) filter (where x.begins_branch) as branch_turns,
    count(*) filter (where x.begins_branch and x.answered) as branch_turns_answered,
    count(*) filter (where x.has_followup) as followups
  from ind_turns x
  group by x.wk, x.account_id
),
an as (
  select x.wk, x.account_id,
    array_agg(x.started_at order by x.started_at, x.answer_at) as asked_at,
    array_agg(x.answer_at order by x.started_at, x.answer_at) as answered_at,
    array_agg(extract(epoch from x.answer_at - x.started_at)::float8 / 3600 order by x.started_at, x.answer_at) as answer_hours
  from ind_turns x
  where x.is_question and x.answered
  group by x.wk, x.account_id
),
op as (
  select w.wk, x.account_id, count(*) as unanswered_open
  from ind_turns x
  -- Less than 7 days old at the week's end: begun in that week or the one before.
  cross join lateral (values (x.wk), (x.wk + 1)) as k(wk)
  join ind_weeks w on w.wk = k.wk and x.started_at > w.we - interval '7 days' and x.started_at < w.we
  where x.is_question
    and (x.answer_at is null or x.answer_at >= w.we)
    and (x.removed_at is null or x.removed_at >= w.we)
  group by w.wk, x.account_id
),
po as (
  select x.wk, x.account_id,
    count(*) filter (where x.citizen_comments_7d > 0) as posts_with_citizen_comments,
    count(*) filter (where x.citizen_comments_7d > 0 and x.two_way) as two_way_posts,
    count(*) filter (where x.one_way) as one_way_posts,
    -- A count no snapshot gave is unknown, never 0: each Bonsón ratio rests on the posts whose count is known.
    count(*) filter (where x.likes is not null) as posts_likes_known,
    count(*) filter (where x.likes > 0) as posts_liked,
    coalesce(sum(x.likes), 0) as likes,
    count(*) filter (where x.comments is not null) as posts_comments_known,
    count(*) filter (where x.comments > 0) as posts_commented,
    coalesce(sum(x.comments), 0) as comments,
    coalesce(sum(x.citizen_comments_7d), 0) as citizen_comments_on_posts,
    count(*) filter (where x.platform = any ($4::text[])) as share_posts,
    count(*) filter (where x.platform = any ($4::text[]) and x.shares is not null) as share_posts_known,
    count(*) filter (where x.platform = any ($4::text[]) and x.shares > 0) as posts_shared,
    coalesce(sum(x.shares) filter (where x.platform = any ($4::text[])), 0) as shares,
    count(*) filter (where x.late) as posts_engagement_late,
    array_agg(x.age_days order by x.age_days) filter (where x.late) as late_snapshot_days
  from ind_posts x
  group by x.wk, x.account_id
),
branches as (
  select platform, branch,
    min(account_id) as account_id,
    min(root_wk) as wk,
    count(*) filter (where prev_role is not null and prev_role <> author_role) as changes,
    bool_or(author_role = 'owner') as has_owner,
    bool_or(author_role = 'citizen') as has_citizen
  from ind_ti
  group by platform, branch
),
de as (
  select x.wk, x.account_id, count(*) as depth_branches, sum(x.changes) as depth_changes
  from branches x
  where x.has_owner and x.has_citizen
  group by x.wk, x.account_id
)
select u.account_id, u.week, $1,
  jsonb_build_object(
    'accounts', 1,
    'accounts_citizen_posts_unseen', (u.platform = any ($5::text[]))::int,
    'accounts_with_followers', (coalesce(fol.followers, fol.estimated) is not null)::int,
    'accounts_followers_estimated', (fol.estimated is not null)::int,
    'followers', coalesce(fol.followers, fol.estimated),
    'owner_posts', coalesce(it.owner_posts, 0),
    'owner_replies', coalesce(it.owner_replies, 0),
    'citizen_posts', coalesce(it.citizen_posts, 0),
    'citizen_comments', coalesce(it.citizen_comments, 0),
    'hidden_citizen_items', coalesce(it.hidden_citizen_items, 0),
    'deleted_citizen_items', coalesce(it.deleted_citizen_items, 0),
    'abusive_citizen_items', coalesce(it.abusive_citizen_items, 0),
    'unclassified_citizen_items', coalesce(it.unclassified_citizen_items, 0),
    'citizen_items_unplaced', coalesce(it.citizen_items_unplaced, 0),
    'questions', coalesce(tu.questions, 0),
    'questions_answered', coalesce(tu.questions_answered, 0),
    'branch_turns', coalesce(tu.branch_turns, 0),
    'branch_turns_answered', coalesce(tu.branch_turns_answered, 0),
    'followups', coalesce(tu.followups, 0),
    'unanswered_open', coalesce(op.unanswered_open, 0),
    'posts_with_citizen_comments', coalesce(po.posts_with_citizen_comments, 0),
    'two_way_posts', coalesce(po.two_way_posts, 0),
    'one_way_posts', coalesce(po.one_way_posts, 0),
    'posts_likes_known', coalesce(po.posts_likes_known, 0),
    'posts_liked', coalesce(po.posts_liked, 0),
    'likes', coalesce(po.likes, 0),
    'posts_comments_known', coalesce(po.posts_comments_known, 0),
    'posts_commented', coalesce(po.posts_commented, 0),
    'comments', coalesce(po.comments, 0),
    'citizen_comments_on_posts', coalesce(po.citizen_comments_on_posts, 0),
    'share_posts', coalesce(po.share_posts, 0),
    'share_posts_known', coalesce(po.share_posts_known, 0),
    'posts_shared', coalesce(po.posts_shared, 0),
    'shares', coalesce(po.shares, 0),
    'posts_engagement_late', coalesce(po.posts_engagement_late, 0),
    'depth_branches', coalesce(de.depth_branches, 0),
    'depth_changes', coalesce(de.depth_changes, 0)
  ),
  coalesce(au.citizen_authors, '{}'),
  coalesce(an.asked_at, '{}'),
  coalesce(an.answered_at, '{}'),
  coalesce(an.answer_hours, '{}'),
  coalesce(po.late_snapshot_days, '{}'),
  $3::timestamptz
from u
left join fol on fol.wk = u.wk and fol.account_id = u.account_id
left join it on it.wk = u.wk and it.account_id = u.account_id
left join au on au.wk = u.wk and au.account_id = u.account_id
left join tu on tu.wk = u.wk and tu.account_id = u.account_id
left join an on an.wk = u.wk and an.account_id = u.account_id
left join op on op.wk = u.wk and op.account_id = u.account_id
left join po on po.wk = u.wk and po.account_id = u.account_id
left join de on de.wk = u.wk and de.account_id = u.account_id`;
