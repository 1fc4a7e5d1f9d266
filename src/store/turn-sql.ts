/**
 * SQL fragments for the INDICATORS.md vocabulary that the indicators, the alerts and the weekly report must
 * read the same way. Arguments are table aliases written in code, never input.
 */

/**
 * The branch rule (src/domain/branch.ts) in SQL, read from stored items. The branch of item `i` whose thread
 * root has author role `rootRole`: null for an owner's top-level post; the whole thread for a citizen post;
 * otherwise the comment directly under the root that `i` descends from (stored in branch_external_id by the
 * ingest; a comment under the root is its own branch even before that).
 */
export function branchOf(i: string, rootRole: string): string {
  return `case
           when ${i}.external_id = ${i}.root_external_id and coalesce(${rootRole}, 'owner') = 'owner' then null
           when ${rootRole} = 'citizen' then ${i}.root_external_id
           else coalesce(${i}.branch_external_id,
                         case when ${i}.parent_external_id = ${i}.root_external_id then ${i}.external_id end)
         end`;
}

/**
 * The branch of stored comment `c` from its stored parent `p` whose branch is known (the fix-up of threads whose
 * comments were stored before their parents, src/store/item-threads.ts): its own when `p` is the root (or
 * another post), else its parent's. Threads of a citizen post are set to their root before this.
 */
export function branchFromParentSql(c: string, p: string): string {
  return `case when ${p}.kind = 'post' or ${p}.external_id = ${c}.root_external_id then ${c}.external_id else ${p}.branch_external_id end`;
}

/**
 * Owner items so far in the branch, in time order: citizen items of one author with the same value form one
 * turn, and the owner item numbered one higher is that turn's answer. `x` needs platform, branch, author_role,
 * created_at and id.
 */
export function turnSegment(x: string): string {
  return `count(*) filter (where ${x}.author_role = 'owner') over (
           partition by ${x}.platform, ${x}.branch order by ${x}.created_at, ${x}.id
           rows between unbounded preceding and current row)`;
}

/**
 * Two CTEs for the queries that group items into turns (the alerts, the weekly report): `ti`, the items of the
 * threads in a CTE `touched` (platform, root_external_id) created by `knownAt`, with their branch and whether
 * the classifier (`classifierVersion`) says they ask for an answer; and `seq`, those in a branch with their
 * `seg` (turnSegment). Citizen items of `seq` with one (platform, branch, author_key, seg) are one turn; the
 * owner item with seg + 1 answers it. `columns`: further columns the caller needs, over items `i`. Arguments
 * are SQL written in code (placeholders, column expressions), never input.
 */
export function turnItemsSql(p: { knownAt: string; classifierVersion: string; columns: readonly string[] }): string {
  return `ti as (
       select i.id, i.account_id, i.platform, i.author_role, i.author_key, i.created_at,
         case when i.deleted_at <= ${p.knownAt} then i.deleted_at end as deleted_at,
         ${p.columns.map((c) => `${c},`).join('\n         ')}
         ${branchOf('i', 'r.author_role')} as branch,
         coalesce(c.needs_answer, false) as needs_answer
       from items i
       join touched t on t.platform = i.platform and t.root_external_id = i.root_external_id
       left join items r on r.platform = i.platform and r.external_id = i.root_external_id
       left join classifications c on c.item_id = i.id and c.classifier_version = ${p.classifierVersion}
       where i.created_at <= ${p.knownAt}
     ),
     seq as (
       select ti.*, ${turnSegment('ti')} as seg
       from ti
       where ti.branch is not null
     )`;
}
