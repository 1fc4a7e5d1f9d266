import type { Author } from './activity-context.js';
import { fbCommentNumber, fbPostNumber, snowflake, ytReplyId, ytThreadId, ytVideoId, igCommentId, igMediaId, postUri, tid } from './ids.js';
import type { Rng } from './random.js';
import type { AccountSpec, SimItem, SimPlatform } from './world.js';

/** What the generator says of a new item; the writer adds its id, account, thread links and moderation state. */
export type NewItem = Pick<
  SimItem,
  | 'kind'
  | 'parentId'
  | 'depth'
  | 'createdAt'
  | 'text'
  | 'needsAnswer'
  | 'textKind'
  | 'lang'
  | 'postKind'
  | 'title'
  | 'likes'
  | 'shares'
  | 'views'
  | 'growthHours'
  | 'commentsDisabled'
> & {
  root: SimItem | null;
  branchId: SimItem | string | null;
  author: Author;
  inReplyToUserId?: string | null;
  /** What the resident asks about (topic-labels.ts); [] when omitted. */
  topics?: readonly string[];
};

/** Collects one account's items, giving each a platform-shaped id that is unique within the account. */
export class ItemWriter {
  readonly items: SimItem[] = [];
  private readonly ids = new Set<string>();
  private seq = 0;
  private postSeq = 0;
  private commentSeq = 0;

  constructor(
    private readonly rng: Rng,
    private readonly spec: AccountSpec,
    private readonly platform: SimPlatform,
    private readonly endMs: number,
  ) {}

  add(p: NewItem): SimItem | null {
    // Platforms report whole seconds.
    p.createdAt = Math.floor(p.createdAt / 1000) * 1000;
    if (p.createdAt > this.endMs) return null;
    const id = this.newId(p.kind, p.root, p.parentId, p.createdAt, p.author.id);
    const branchId = p.branchId === null ? id : typeof p.branchId === 'string' ? p.branchId : p.branchId.id;
    const item: SimItem = {
      id,
      platform: this.platform,
      accountId: this.spec.account.externalId,
      kind: p.kind,
      parentId: p.parentId,
      rootId: p.root?.id ?? id,
      branchId: p.kind === 'post' ? id : branchId,
      depth: p.depth,
      authorRole: p.author.role,
      authorId: p.author.id,
      authorName: p.author.name,
      authorHandle: p.author.handle,
      createdAt: p.createdAt,
      editedAt: null,
      deletedAt: null,
      hiddenAt: null,
      text: p.text,
      textBefore: null,
      needsAnswer: p.needsAnswer,
      textKind: p.textKind,
      lang: p.lang,
      postKind: p.postKind,
      title: p.title,
      likes: p.likes,
      shares: p.shares,
      views: p.views,
      growthHours: p.growthHours,
      commentsDisabled: p.commentsDisabled,
      inReplyToUserId: p.inReplyToUserId ?? null,
      topics: p.topics ?? [],
      seq: this.seq++,
    };
    this.items.push(item);
    return item;
  }

  private newId(kind: 'post' | 'comment', root: SimItem | null, parentId: string | null, createdAt: number, authorId: string): string {
    const { rng, spec } = this;
    for (;;) {
      let id: string;
      if (this.platform === 'facebook') {
        if (kind === 'post') id = `${spec.account.externalId}_${fbPostNumber(spec.idPrefix, this.postSeq++, rng)}`;
        else id = `${root?.id.split('_')[1] ?? ''}_${fbCommentNumber(this.commentSeq++, rng)}`;
      } else if (this.platform === 'youtube') {
        if (kind === 'post') id = ytVideoId(spec.idPrefix, rng);
        else if (!root || parentId === root.id) id = ytThreadId(spec.idPrefix, rng);
        else id = ytReplyId(parentId ?? '', rng);
      } else if (this.platform === 'bluesky') {
        // A post lives in its author's repository: at://{author DID}/app.bsky.feed.post/{TID of its creation}.
        id = postUri(authorId, tid(createdAt + rng.int(0, 999), rng.int(0, 1023)));
      } else if (this.platform === 'instagram') {
        id = kind === 'post' ? igMediaId(spec.idPrefix, rng) : igCommentId(spec.idPrefix, rng);
      } else id = snowflake(createdAt, spec.platformIndex, this.seq + rng.int(0, 4095));
      if (!this.ids.has(id)) {
        this.ids.add(id);
        return id;
      }
    }
  }
}
