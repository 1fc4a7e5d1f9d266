import { generateActivity } from './activity.js';
import { blueskyDid, facebookUserId, instagramScopedId, instagramUserId, token, xUserId, youtubeChannelId } from './ids.js';
import { Rng, ALNUM, BASE64URL } from './random.js';
import { slug } from './register.js';
import { describe, pickMunicipalities } from './world-municipalities.js';
import type { Lang, PostKind } from './texts.js';
import { GIVEN_NAMES, SURNAMES } from './names.js';

export type SimPlatform = 'facebook' | 'youtube' | 'x' | 'instagram' | 'bluesky';
export const SIM_PLATFORMS: readonly SimPlatform[] = ['facebook', 'youtube', 'x', 'instagram', 'bluesky'];

export type SimOptions = {
  seed: number;
  /** The first N municipalities in a seeded order that takes one from each county in turn. */
  municipalities: number;
  /** Activity is generated for [start, end]; an item is served only once its created_at <= the server clock. */
  start: Date;
  end: Date;
  /** @default all four: one account per platform per municipality (Bluesky only for `blueskyShare` of them) */
  platforms?: SimPlatform[];
  /** Share of municipalities with a Bluesky account (public bodies that moved there from X). @default 0.25 */
  blueskyShare?: number;
  /** Share of municipalities with a second Facebook Page ("Teknisk drift") that answers on the main Page. @default 0.2 */
  extraFacebookPageShare?: number;
  /** Share of municipalities with an Instagram professional account (when `platforms` has instagram). @default 0.6 */
  instagramShare?: number;
};

export type SimAccount = {
  platform: SimPlatform;
  externalId: string;
  handle: string;
  name: string;
  municipalityCode: string;
  /** The token (Facebook Page token, YouTube API key, X bearer token; Instagram: the linked Page's token) the simulator accepts for this account; '' for Bluesky (public). */
  token: string;
};

/** Deployment-wide credentials that read every account (Facebook app token, one YouTube key, one X bearer). */
export type SharedTokens = { facebookApp: string; youtubeKey: string; xBearer: string };

export type SimMunicipality = {
  code: string;
  name: string;
  countyCode: string;
  countyName: string;
  slug: string;
  /** Relative size (Oslo 60, a small municipality ≈ 0.3–2): drives followers and activity. */
  size: number;
  nynorskShare: number;
  englishShare: number;
  /** Probability that a question gets an owner reply at all (0.3–0.75). */
  responseRate: number;
  /** Share of owner replies that come within minutes or hours (0.2–0.6). */
  fastShare: number;
};

export type Citizen = {
  name: string;
  first: string;
  facebookId: string;
  youtubeChannelId: string;
  youtubeHandle: string;
  xId: string;
  xUsername: string;
  /** Bluesky DID and handle (e.g. kari.nordmann42.bsky.social). */
  blueskyDid: string;
  blueskyHandle: string;
  /** Instagram-scoped user id and username (drawn from a stream of their own: older worlds stay as they were). */
  instagramId: string;
  instagramUsername: string;
};

/** Everything the generator knows about one account before generating its activity. */
export type AccountSpec = {
  account: SimAccount;
  /** Index among the world's accounts of the same platform (X: snowflake worker bits). */
  platformIndex: number;
  municipality: SimMunicipality;
  /** The second Facebook Page of a municipality. */
  secondary: boolean;
  /** External ids of every account of the same municipality on the same platform (including this one). */
  responders: string[];
  /** Id prefix unique to this account (Facebook post numbers, YouTube video/comment ids). */
  idPrefix: string;
  lang: Lang;
  followersAtStart: number;
  followersPerDay: number;
  /** Multiplier on posting and commenting (0.4–3). */
  activity: number;
  createdAtMs: number;
  /** YouTube: the uploads playlist id ("UU…"). */
  uploadsPlaylistId: string | null;
};

export type SimItem = {
  id: string;
  platform: SimPlatform;
  /** External id of the account whose page/channel/timeline the thread lives on. */
  accountId: string;
  kind: 'post' | 'comment';
  parentId: string | null;
  rootId: string;
  branchId: string;
  /** 0 for a post, 1 for a comment directly under it, and so on. */
  depth: number;
  authorRole: 'owner' | 'citizen';
  authorId: string;
  authorName: string;
  /** X username / YouTube handle of the author (empty on Facebook). */
  authorHandle: string;
  createdAt: number;
  editedAt: number | null;
  deletedAt: number | null;
  hiddenAt: number | null;
  /** Text after the last edit (the only text when never edited). */
  text: string;
  /** Text before the edit; served until `editedAt`. */
  textBefore: string | null;
  needsAnswer: boolean;
  textKind: string;
  lang: Lang;
  postKind: PostKind | null;
  /** YouTube video title. */
  title: string | null;
  /** Final engagement the counts grow towards (see engagement.ts). */
  likes: number;
  shares: number;
  views: number;
  growthHours: number;
  commentsDisabled: boolean;
  /** X: the user id replied to. */
  inReplyToUserId: string | null;
  /** Ground truth of issue 25: the service topics a resident's item is about (topic-labels.ts), [] otherwise. */
  topics?: readonly string[];
  /** Generation order, for stable ties. */
  seq: number;
};

export type AccountData = {
  spec: AccountSpec;
  /** All items of the account's threads, by (createdAt, seq). */
  items: SimItem[];
  byId: Map<string, SimItem>;
  /** Direct children by parent id, in time order. */
  children: Map<string, SimItem[]>;
  /** Every item of a thread by root id, in time order (the root first). */
  threads: Map<string, SimItem[]>;
};

/** Cache budget for generated accounts, in items (≈ 200–300 bytes each). Evicted accounts are regenerated on demand. */
const CACHE_ITEM_BUDGET = 300_000;

export class World {
  readonly options: Readonly<Required<SimOptions>>;
  readonly startMs: number;
  readonly endMs: number;
  readonly municipalities: readonly SimMunicipality[];
  readonly accounts: readonly SimAccount[];
  readonly specs: ReadonlyMap<string, AccountSpec>;
  readonly shared: SharedTokens;
  private readonly prefixIndex = new Map<string, string>();
  private readonly handleIndex = new Map<string, string>();
  private readonly tokenIndex = new Map<string, SimAccount>();
  private readonly citizenPools = new Map<string, Citizen[]>();
  private readonly cache = new Map<string, AccountData>();
  private cachedItems = 0;

  constructor(opts: SimOptions) {
    this.options = Object.freeze({
      seed: opts.seed,
      municipalities: opts.municipalities,
      start: new Date(opts.start),
      end: new Date(opts.end),
      platforms: [...(opts.platforms ?? SIM_PLATFORMS)],
      extraFacebookPageShare: opts.extraFacebookPageShare ?? 0.2,
      blueskyShare: opts.blueskyShare ?? 0.25,
      instagramShare: opts.instagramShare ?? 0.6,
    });
    this.startMs = this.options.start.getTime();
    this.endMs = this.options.end.getTime();
    if (!(this.endMs > this.startMs)) throw new Error('SimOptions: end must be after start');
    const seed = this.options.seed;
    this.municipalities = pickMunicipalities(seed, this.options.municipalities).map((m) => describe(seed, m));

    const specs = new Map<string, AccountSpec>();
    const accounts: SimAccount[] = [];
    const platformCounts = new Map<SimPlatform, number>();
    const usedIds = new Set<string>();
    const usedPrefixes = new Set<string>();
    for (const m of this.municipalities) {
      for (const platform of this.options.platforms) {
        // A few municipalities are on Bluesky, drawn from a stream of their own (the other accounts stay as they were).
        if (platform === 'bluesky' && !Rng.of(seed, 'bluesky', m.code).chance(this.options.blueskyShare)) continue;
        if (platform === 'instagram' && !Rng.of(seed, 'instagram', m.code).chance(this.options.instagramShare)) continue;
        const rng = Rng.of(seed, 'account', platform, m.code);
        const pages = platform === 'facebook' && Rng.of(seed, 'second-page', m.code).chance(this.options.extraFacebookPageShare) ? 2 : 1;
        const group: AccountSpec[] = [];
        for (let page = 0; page < pages; page++) {
          const secondary = page === 1;
          const idx = platformCounts.get(platform) ?? 0;
          platformCounts.set(platform, idx + 1);
          const externalId = unique(usedIds, () => accountId(platform, rng));
          const idPrefix = unique(usedPrefixes, () =>
            platform === 'youtube' ? rng.chars(4, BASE64URL) : platform === 'instagram' ? `ig${rng.digits(6)}` : rng.digits(6),
          );
          const base = secondary ? `${m.slug}teknisk` : `${m.slug}kommune`;
          const handle =
            platform === 'x'
              ? base.slice(0, 15)
              : platform === 'youtube'
                ? `@${base}`
                : platform === 'bluesky'
                  ? `${m.slug}.kommune.no`
                  : base;
          const name = secondary ? `${m.name} kommune – Teknisk drift` : `${m.name} kommune`;
          const account: SimAccount = {
            platform,
            externalId,
            handle,
            name,
            municipalityCode: m.code,
            token: platform === 'bluesky' ? '' : token(platform, Rng.of(seed, 'token', platform, externalId)),
          };
          const platformShare =
            platform === 'facebook' ? 1 : platform === 'x' ? 0.18 : platform === 'instagram' ? 0.45 : platform === 'bluesky' ? 0.04 : 0.05;
          const followersAtStart = Math.round(rng.logNormal(2500 * m.size, 0.35) * platformShare * (secondary ? 0.15 : 1) + 20);
          group.push({
            account,
            platformIndex: idx,
            municipality: m,
            secondary,
            responders: [],
            idPrefix,
            lang: rng.chance(m.nynorskShare) ? 'nn' : 'nb',
            followersAtStart,
            followersPerDay: followersAtStart * rng.int(2, 8) * 1e-4,
            activity: Math.min(3, (0.55 + Math.log10(1 + m.size) * 0.9) * rng.logNormal(1, 0.25)),
            createdAtMs: Date.UTC(2009 + rng.int(0, 8), rng.int(0, 11), rng.int(1, 28), rng.int(7, 14)),
            uploadsPlaylistId: platform === 'youtube' ? `UU${externalId.slice(2)}` : null,
          });
          accounts.push(account);
        }
        const responders = group.map((g) => g.account.externalId);
        for (const g of group) {
          g.responders = responders;
          specs.set(g.account.externalId, g);
          this.prefixIndex.set(`${platform}:${g.idPrefix}`, g.account.externalId);
          this.handleIndex.set(`${platform}:${g.account.handle.replace(/^@/, '').toLowerCase()}`, g.account.externalId);
          if (g.account.token) this.tokenIndex.set(g.account.token, g.account);
        }
      }
    }
    this.accounts = Object.freeze(accounts);
    this.specs = specs;
    const t = Rng.of(seed, 'shared-tokens');
    this.shared = Object.freeze({
      facebookApp: `${t.digits(16)}|${t.chars(27, ALNUM)}`,
      youtubeKey: token('youtube', t),
      xBearer: token('x', t),
    });
  }

  account(externalId: string): SimAccount | undefined {
    return this.specs.get(externalId)?.account;
  }

  spec(externalId: string): AccountSpec | undefined {
    return this.specs.get(externalId);
  }

  /** The account a token belongs to (shared tokens are not accounts; see `shared`). */
  accountForToken(tok: string): SimAccount | undefined {
    return this.tokenIndex.get(tok);
  }

  /** Account external id by handle ("oslokommune", "@oslokommune"), case-insensitive. */
  accountByHandle(platform: SimPlatform, handle: string): string | undefined {
    return this.handleIndex.get(`${platform}:${handle.replace(/^@/, '').toLowerCase()}`);
  }

  /** Account external id owning an id prefix. */
  accountByPrefix(platform: SimPlatform, prefix: string): string | undefined {
    return this.prefixIndex.get(`${platform}:${prefix}`);
  }

  /** The X account with snowflake worker index `index`. */
  xAccountByIndex(index: number): string | undefined {
    for (const s of this.specs.values()) if (s.account.platform === 'x' && s.platformIndex === index) return s.account.externalId;
    return undefined;
  }

  /** The municipality's residents (authors recur across threads). */
  citizens(code: string): Citizen[] {
    let pool = this.citizenPools.get(code);
    if (pool) return pool;
    const m = this.municipalities.find((x) => x.code === code);
    if (!m) throw new Error(`unknown municipality ${code}`);
    const rng = Rng.of(this.options.seed, 'citizens', code);
    const n = Math.round(Math.min(400, 40 + 25 * m.size));
    const ig = Rng.of(this.options.seed, 'citizens-instagram', code);
    pool = [];
    for (let i = 0; i < n; i++) {
      const first = rng.pick(GIVEN_NAMES);
      const last = rng.pick(SURNAMES);
      const userBase = slug(`${first}${last}`).slice(0, 10);
      pool.push({
        name: `${first} ${last}`,
        first,
        facebookId: facebookUserId(rng),
        youtubeChannelId: youtubeChannelId(rng),
        youtubeHandle: `@${userBase}${rng.int(1, 9999)}`,
        xId: xUserId(rng),
        xUsername: `${userBase}${rng.int(1, 99999)}`.slice(0, 15),
        blueskyDid: '',
        blueskyHandle: '',
        instagramId: instagramScopedId(ig),
        instagramUsername: `${ig.pick(['', '', '_'])}${slug(first)}${ig.pick(['.', '_', ''])}${slug(last)}${ig.chance(0.5) ? ig.int(1, 999) : ''}`,
      });
    }
    // Bluesky identities from a stream of their own: the residents' other ids stay as they were before Bluesky.
    const bsky = Rng.of(this.options.seed, 'bluesky-citizens', code);
    for (const c of pool) {
      c.blueskyDid = blueskyDid(bsky);
      c.blueskyHandle = `${slug(c.name)
        .replace(/[^a-z0-9]/g, '')
        .slice(0, 14)}${bsky.int(1, 999)}.bsky.social`;
    }
    this.citizenPools.set(code, pool);
    return pool;
  }

  /**
   * The account's generated activity (generated on first use, cached within a memory budget). `cache: false`
   * generates without caching an account that is not cached yet (a full ground-truth pass would otherwise churn
   * the cache the server relies on).
   */
  data(externalId: string, opts: { cache?: boolean } = {}): AccountData {
    const hit = this.cache.get(externalId);
    if (hit) {
      this.cache.delete(externalId);
      this.cache.set(externalId, hit);
      return hit;
    }
    const spec = this.specs.get(externalId);
    if (!spec) throw new Error(`unknown account ${externalId}`);
    const data = generateActivity(this, spec);
    if (opts.cache === false) return data;
    this.cache.set(externalId, data);
    this.cachedItems += data.items.length;
    for (const [key, old] of this.cache) {
      if (this.cachedItems <= CACHE_ITEM_BUDGET || key === externalId) break;
      this.cache.delete(key);
      this.cachedItems -= old.items.length;
    }
    return data;
  }
}

/** Builds the world's municipalities and accounts. Activity is generated lazily per account, deterministically. */
export function generateWorld(opts: SimOptions): World {
  return new World(opts);
}

function accountId(platform: SimPlatform, rng: Rng): string {
  switch (platform) {
    case 'facebook':
      return `10${rng.digits(13)}`;
    case 'youtube':
      return youtubeChannelId(rng);
    case 'x':
      return rng.digits(rng.int(8, 10));
    case 'bluesky':
      return blueskyDid(rng);
    case 'instagram':
      return instagramUserId(rng);
  }
}

function unique(used: Set<string>, make: () => string): string {
  for (;;) {
    const v = make();
    if (!used.has(v)) {
      used.add(v);
      return v;
    }
  }
}
