/**
 * The emulated X world: `createStore` builds a deterministic, seeded world of users, tweets and follows that
 * the emulator's HTTP layer serves. Start-up builds only the follow graph (typed arrays); the username index
 * is built on first use, and user and tweet records are synthesised on demand (users memoised in a bounded
 * cache). See README.md in this folder.
 */
import type { EmulatedTweet, EmulatedUser, EmulatorStore, NotableAccounts, UserIdList } from '../store.ts';
import { DOC_ACCOUNTS, TWITTER_DEV_INDEX } from './doc-page-accounts.ts';
import { MAX_INDEX_COUNT } from './ids.ts';
import { synthesizeTweetById } from './tweet-synth.ts';
import { synthesizeUser } from './user-synth.ts';
import { World } from './world.ts';
import { MIN_USER_COUNT } from './world-layout.ts';

/** Options of `createStore`. */
export interface CreateStoreOptions {
  /**
   * The world's seed: the same seed always yields the same world, another seed another world. Any safe
   * integer; worlds depend on its low 32 bits.
   * @default 42
   */
  seed?: number;
  /**
   * How many users (including the documentation page's ten), from 1,000 to 4,194,304.
   * @default 100_000
   */
  userCount?: number;
}

/** The seeded store: an `EmulatorStore` that can also name a user's id by dense index cheaply. */
export interface SeededEmulatorStore extends EmulatorStore {
  /** The id of the user at dense index `index` (without building the user record). */
  userIdAt(index: number): string;
}

/**
 * How many synthesised users the store keeps: one page of the largest size (`max_results` 1000) fits. The
 * cache is direct-mapped (slot = index mod size): O(1), no eviction bookkeeping, a clash just rebuilds. Kept
 * small on purpose: a larger cache promotes more short-lived records to V8's old space, which costs more
 * garbage collection and resident memory than rebuilding a record (tens of microseconds) saves.
 */
const USER_CACHE_SIZE = 1024;

/** Builds the emulated world for a seed. Throws a `RangeError` naming the bad option. */
export function createStore(options: CreateStoreOptions = {}): SeededEmulatorStore {
  const seed = options.seed ?? 42;
  const userCount = options.userCount ?? 100_000;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`createStore: seed must be an integer, got ${seed}`);
  if (!Number.isSafeInteger(userCount) || userCount < MIN_USER_COUNT || userCount > MAX_INDEX_COUNT) {
    throw new RangeError(
      `createStore: userCount must be an integer from ${MIN_USER_COUNT} to ${MAX_INDEX_COUNT}, got ${userCount}`,
    );
  }
  const world = new World(seed >>> 0, userCount);
  return new SeededStore(seed, world);
}

/** `EmulatorStore` over a `World`. */
class SeededStore implements SeededEmulatorStore {
  readonly userCount: number;
  readonly notable: NotableAccounts;
  private readonly cachedIndex = new Int32Array(USER_CACHE_SIZE).fill(-1);
  private readonly cachedUser: (EmulatedUser | undefined)[] = Array.from(
    { length: USER_CACHE_SIZE },
    () => undefined,
  );

  constructor(
    readonly seed: number,
    private readonly world: World,
  ) {
    this.userCount = world.userCount;
    this.notable = notableAccounts(world);
  }

  userById(id: string): EmulatedUser | undefined {
    if (typeof id !== 'string') return undefined;
    const index = this.world.ids.indexOfUserId(id);
    return index === undefined ? undefined : this.userAt(index);
  }

  userByUsername(username: string): EmulatedUser | undefined {
    if (typeof username !== 'string') return undefined;
    const index = this.world.usernames.indexOf(username);
    return index === undefined ? undefined : this.userAt(index);
  }

  userIdAt(index: number): string {
    this.checkIndex('userIdAt', index);
    return this.world.ids.userId(index);
  }

  userAt(index: number): EmulatedUser {
    this.checkIndex('userAt', index);
    const slot = index % USER_CACHE_SIZE;
    const cached = this.cachedIndex[slot] === index ? this.cachedUser[slot] : undefined;
    if (cached) return cached;
    const user = synthesizeUser(this.world, index);
    this.cachedIndex[slot] = index;
    this.cachedUser[slot] = user;
    return user;
  }

  followers(id: string): UserIdList {
    const index = this.world.ids.indexOfUserId(id);
    return this.idList(index === undefined ? EMPTY : this.world.graph.followers(index));
  }

  following(id: string): UserIdList {
    const index = this.world.ids.indexOfUserId(id);
    return this.idList(index === undefined ? EMPTY : this.world.graph.following(index));
  }

  follows(followerId: string, targetId: string): boolean {
    const follower = this.world.ids.indexOfUserId(followerId);
    const target = this.world.ids.indexOfUserId(targetId);
    return follower !== undefined && target !== undefined && this.world.graph.follows(follower, target);
  }

  tweetById(id: string): EmulatedTweet | undefined {
    return typeof id === 'string' ? synthesizeTweetById(this.world, id) : undefined;
  }

  /** Throws a `RangeError` unless `index` is a dense user index. */
  private checkIndex(method: string, index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.userCount) {
      throw new RangeError(
        `${method}: index must be an integer from 0 to ${this.userCount - 1}, got ${index}`,
      );
    }
  }

  /** A list view that turns indices into ids only when read. */
  private idList(indices: Uint32Array): UserIdList {
    const ids = this.world.ids;
    return {
      length: indices.length,
      idAt(position: number): string {
        const index = indices[position];
        if (index === undefined)
          throw new RangeError(`idAt: position ${position} is outside 0..${indices.length - 1}`);
        return ids.userId(index);
      },
    };
  }
}

const EMPTY = new Uint32Array(0);

/** The notable accounts of a world, each checked to have the property it is named for. */
function notableAccounts(world: World): NotableAccounts {
  const { layout, graph, ids } = world;
  const celebrities: string[] = [];
  for (let index = 0; index < world.userCount; index++) {
    if (graph.followerCount(index) >= 50_000) celebrities.push(ids.userId(index));
  }
  const protectedFollower = graph.followers(layout.protectedAccount)[0];
  if (protectedFollower === undefined)
    throw new Error('emulator data: the protected account has no followers');
  return {
    twitterDev: DOC_ACCOUNTS[TWITTER_DEV_INDEX]?.id ?? '2244994945',
    celebrities,
    loner: ids.userId(layout.loner),
    protectedAccount: ids.userId(layout.protectedAccount),
    protectedFollower: ids.userId(protectedFollower),
    suspended: ids.userId(layout.suspended),
    withheld: ids.userId(layout.withheld),
    deletedPinned: ids.userId(layout.deletedPinned),
  };
}
