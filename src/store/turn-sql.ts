/**
 * SQL fragments for the INDICATORS.md vocabulary that the indicators, the alerts and the weekly report must
 * read the same way. Arguments are table aliases written in code, never input.
 */

/**
 * The branch of item `i` whose thread root has author role `rootRole`: null for an owner's top-level post;
 * the whole thread for a citizen post; otherwise the comment directly under the root that `i` descends from.
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
 * Owner items so far in the branch, in time order: citizen items of one author with the same value form one
 * turn, and the owner item numbered one higher is that turn's answer. `x` needs platform, branch, author_role,
 * created_at and id.
 */
export function turnSegment(x: string): string {
  return `count(*) filter (where ${x}.author_role = 'owner') over (
           partition by ${x}.platform, ${x}.branch order by ${x}.created_at, ${x}.id
           rows between unbounded preceding and current row)`;
}
