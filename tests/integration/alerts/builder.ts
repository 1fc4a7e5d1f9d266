import { CLASSIFIER_VERSION } from '../../../src/classifier/version.js';
import type { Platform } from '../../../src/domain/records.js';
import type { TokenCipher } from '../../../src/privacy/token-cipher.js';
import { upsertAccounts } from '../../../src/store/accounts.js';
import type { Queryable } from '../../../src/store/db.js';

/**
 * Builds threads straight into the store (items + classifications), as a sync and the classifier would have
 * left them: branch ids resolved, text already redacted, needs_answer at the current classifier version.
 */
export type BuiltItem = { id: number; externalId: string };

export function makeBuilder(db: Queryable, cipher: TokenCipher) {
  const branchOf = new Map<string, string | null>();
  const rootOf = new Map<string, string>();
  let seq = 0;

  async function account(
    municipalityCode: string,
    platform: Platform,
    externalId: string,
    token: string | null = 'tok',
    handle: string | null = null,
  ): Promise<string> {
    const [a] = await upsertAccounts(
      db,
      cipher,
      [{ municipalityCode, platform, externalId, handle, tokenEnv: null, token }],
      new Date('2026-01-01T00:00:00Z'),
    );
    if (!a) throw new Error('no account');
    return a.id;
  }

  async function insert(args: {
    accountId: string;
    platform: Platform;
    externalId: string;
    kind: 'post' | 'comment';
    parent: string | null;
    root: string;
    branch: string | null;
    role: 'owner' | 'citizen';
    author: string;
    at: Date;
    text: string | null;
    hiddenAt?: Date | null;
    deletedAt?: Date | null;
    needsAnswer?: boolean;
  }): Promise<BuiltItem> {
    const { rows } = await db.query<{ id: number }>(
      `insert into items (account_id, platform, external_id, kind, parent_external_id, root_external_id, branch_external_id,
                          author_role, author_key, created_at, hidden_at, deleted_at, text, permalink, first_seen_at, last_seen_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $10, $10)
       returning id`,
      [
        Number(args.accountId),
        args.platform,
        args.externalId,
        args.kind,
        args.parent,
        args.root,
        args.branch,
        args.role,
        args.author,
        args.at,
        args.hiddenAt ?? null,
        args.deletedAt ?? null,
        args.text,
        `https://example.test/${args.platform}/${args.externalId}`,
      ],
    );
    const id = rows[0]?.id;
    if (id === undefined) throw new Error('insert failed');
    if (args.role === 'citizen') {
      await db.query(
        `insert into classifications (item_id, classifier_version, needs_answer, kind, lang, score, classified_at)
         values ($1, $2, $3, $4, 'nb', 0.9, $5)`,
        [id, CLASSIFIER_VERSION, args.needsAnswer ?? false, args.needsAnswer ? 'question' : 'other', args.at],
      );
    }
    branchOf.set(args.externalId, args.branch);
    rootOf.set(args.externalId, args.root);
    return { id, externalId: args.externalId };
  }

  return {
    account,
    /** A top-level post; `role: 'citizen'` makes a visitor post (its whole thread is one branch). */
    post: (
      accountId: string,
      platform: Platform,
      at: Date,
      o: { role?: 'owner' | 'citizen'; id?: string; author?: string; text?: string; needsAnswer?: boolean } = {},
    ) =>
      insert({
        accountId,
        platform,
        externalId: o.id ?? `p${++seq}`,
        kind: 'post',
        parent: null,
        root: o.id ?? `p${seq}`,
        branch: null,
        role: o.role ?? 'owner',
        author: o.author ?? (o.role === 'citizen' ? `r_${seq}` : 'PAGE'),
        at,
        text: o.text ?? 'Innlegg',
        needsAnswer: o.needsAnswer ?? false,
      }),
    /** A comment under `parent` (a post or a comment); branch and root follow the parent. */
    comment: (
      accountId: string,
      platform: Platform,
      parent: string,
      at: Date,
      o: {
        role?: 'owner' | 'citizen';
        id?: string;
        author?: string;
        text?: string | null;
        needsAnswer?: boolean;
        hiddenAt?: Date | null;
        deletedAt?: Date | null;
      } = {},
    ) => {
      const externalId = o.id ?? `c${++seq}`;
      const root = rootOf.get(parent) ?? parent;
      const branch = root === parent ? externalId : (branchOf.get(parent) ?? externalId);
      return insert({
        accountId,
        platform,
        externalId,
        kind: 'comment',
        parent,
        root,
        branch,
        role: o.role ?? 'citizen',
        author: o.author ?? ((o.role ?? 'citizen') === 'citizen' ? `r_${externalId}` : 'PAGE'),
        at,
        text: o.text === undefined ? `Tekst ${externalId}` : o.text,
        needsAnswer: o.needsAnswer ?? false,
        hiddenAt: o.hiddenAt ?? null,
        deletedAt: o.deletedAt ?? null,
      });
    },
  };
}
