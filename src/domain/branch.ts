/**
 * The branch rule (INDICATORS.md "Branch"), the one TypeScript definition: in the thread of a citizen post the
 * branch is the whole thread (the root); a comment directly under the root is its own branch; a deeper comment
 * is in its parent's branch. An owner's top-level post is in none.
 *
 * Its SQL forms are in src/store/turn-sql.ts (branchOf when reading, branchFromParentSql in the fix-up of stored
 * threads); tests/integration/store/branch-rule.test.ts ties them to this one. The simulator's ground truth
 * (src/simulator/truth-turns.ts) keeps its own on purpose: it is what the pipeline is checked against.
 */

export type BranchLinks = { externalId: string; parentExternalId: string | null; rootExternalId: string };

/**
 * The branch of each of `comments` that can be told: `rootIsCitizenPost` says what is known of a thread root
 * (undefined: not known yet, so a comment directly under it cannot be placed), `knownBranch` the branch of an
 * item outside `comments` (stored, or a placeholder; undefined: not known). Comments whose chain cannot be
 * followed to a known branch are left out.
 */
export function resolveBranches(
  comments: Iterable<BranchLinks>,
  rootIsCitizenPost: (rootExternalId: string) => boolean | undefined,
  knownBranch: (externalId: string) => string | null | undefined,
): Map<string, string> {
  const pending = [...comments].filter((c) => c.parentExternalId !== null);
  const out = new Map<string, string>();
  // Parents before children, whatever the order given: place what can be placed until nothing more can.
  let progress = true;
  while (progress) {
    progress = false;
    for (const c of pending) {
      if (out.has(c.externalId)) continue;
      const citizenThread = rootIsCitizenPost(c.rootExternalId);
      let b: string | null | undefined;
      if (citizenThread) b = c.rootExternalId;
      else if (c.parentExternalId === c.rootExternalId) b = citizenThread === false ? c.externalId : undefined;
      else if (c.parentExternalId !== null) b = out.get(c.parentExternalId) ?? knownBranch(c.parentExternalId);
      if (b) {
        out.set(c.externalId, b);
        progress = true;
      }
    }
  }
  return out;
}
