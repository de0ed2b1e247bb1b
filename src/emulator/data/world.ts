/**
 * One emulated world's shared state: its layout (roles and traits), ids, usernames and follow graph.
 * Built once per store; user and tweet records are synthesised from it on demand.
 */
import { DOC_ACCOUNTS, TWITTER_DEV_INDEX } from './doc-page-accounts.ts';
import { FollowGraph } from './graph.ts';
import { generateDisplayName, usernameCandidate } from './person-names.ts';
import type { Rng } from './random.ts';
import type { Mentionable } from './text-synth.ts';
import { UsernameIndex } from './usernames.ts';
import { WorldIds } from './world-ids.ts';
import { WorldLayout } from './world-layout.ts';

/** The state every record of one world is derived from. */
export class World {
  readonly layout: WorldLayout;
  readonly ids: WorldIds;
  readonly graph: FollowGraph;
  private usernameIndex: UsernameIndex | undefined;

  constructor(
    readonly seed: number,
    readonly userCount: number,
  ) {
    this.layout = new WorldLayout(seed, userCount);
    this.ids = new WorldIds(seed, userCount);
    this.graph = FollowGraph.build({
      seed,
      userCount,
      isIsolated: (index) => this.layout.isIsolated(index),
      popular: this.layout.popular,
      lastTarget: TWITTER_DEV_INDEX,
      // The page lists TwitterDev's followers newest first; they act last, oldest first.
      lastFollowers: DOC_ACCOUNTS.map((_, index) => index).reverse(),
    });
  }

  /**
   * Every user's username, built on first use (about a third of the world's build time): start-up needs
   * only the graph, and the first request that shows a user pays for the index once.
   */
  get usernames(): UsernameIndex {
    this.usernameIndex ??= new UsernameIndex(this.seed, this.userCount, (index) => {
      const doc = DOC_ACCOUNTS[index];
      return doc ? doc.username : usernameCandidate(this.seed, index, this.layout.verifiedType(index));
    });
    return this.usernameIndex;
  }

  /** The display name of any user. */
  displayName(index: number): string {
    return (
      DOC_ACCOUNTS[index]?.name ?? generateDisplayName(this.seed, index, this.layout.verifiedType(index))
    );
  }

  /** A random user who can be mentioned (not suspended). */
  randomMentionable(rng: Rng): Mentionable {
    for (;;) {
      const index = rng.int(this.userCount);
      if (!this.layout.isSuspended(index)) return this.mentionable(index);
    }
  }

  /** User `index` as a mention target. */
  mentionable(index: number): Mentionable {
    return { username: this.usernames.usernameAt(index), id: this.ids.userId(index) };
  }

  /** The business celebrity that some users are affiliated with. */
  get affiliationOrg(): number {
    return this.layout.celebrities[1] ?? TWITTER_DEV_INDEX;
  }
}
