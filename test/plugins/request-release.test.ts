import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { MockAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { measureKeptAfterWait, waitingDispatcher } from '../../bench/survival.ts';
import { GATEWAY_QUERY } from '../../bench/workload.ts';
import type { GatewayContext } from '../../src/context.ts';
import { DEFAULT_APP_TOKEN } from '../../src/emulator/start-emulator.ts';
import { ListPages } from '../../src/loaders/list-reader.ts';
import { createXClient } from '../../src/rest/client.ts';
import { createGatewayYoga } from '../../src/yoga.ts';
import { startTestGateway, type TestGateway } from '../fixtures/gateway.ts';
import { APP_TOKEN, X_ORIGIN } from '../fixtures/rest-mock.ts';

const OWNER = '2244994945';

/** The data of every execution, as the executor left it, and its context. */
const executed: Record<string, unknown>[] = [];
const contexts: GatewayContext[] = [];
const capture: Plugin = {
  onExecute: ({ args }) => ({
    onExecuteDone: ({ result }) => {
      const { data } = result as ExecutionResult;
      if (data) executed.push(data);
      contexts.push(args.contextValue as unknown as GatewayContext);
    },
  }),
};

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway({ plugins: [capture] });
});
afterAll(async () => {
  await gateway.close();
});

/** Posts the bench's query for `first` followers (as the app: the emulator knows no other token). */
async function post(first: number, accept = 'application/json'): Promise<Response> {
  return gateway.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept },
    body: JSON.stringify({ query: GATEWAY_QUERY, variables: { id: OWNER, first } }),
  });
}

describe('useRequestRelease', () => {
  it('empties the result and releases the loaders once a JSON answer is built', async () => {
    const released = vi.spyOn(ListPages.prototype, 'release');
    try {
      executed.length = 0;
      const response = await post(100);
      const answer = (await response.json()) as { data: { user: { followers: { nodes: unknown[] } } } };
      expect(answer.data.user.followers.nodes).toHaveLength(100);
      expect(executed).toEqual([{ user: null }]);
      expect(released).toHaveBeenCalledTimes(1);
    } finally {
      released.mockRestore();
    }
  });

  it('closes the session once the JSON answer is built: a resolver still running calls X no more', async () => {
    contexts.length = 0;
    await (await post(10)).json();
    const [ctx] = contexts;
    const calls = gateway.xCalls().length;
    const query = { userFields: [], tweetFields: [], expansions: [] };
    await expect(ctx?.session.userList('followers', OWNER, query)).rejects.toThrow(/request is answered/);
    expect(gateway.xCalls()).toHaveLength(calls);
  });

  it('serves the answer whole when its result cannot be emptied', async () => {
    // A plugin that freezes every object of the result: emptying it throws, and only memory is at stake.
    const freeze = (value: unknown): void => {
      if (value === null || typeof value !== 'object') return;
      for (const inner of Object.values(value)) freeze(inner);
      Object.freeze(value);
    };
    const frozen = await startTestGateway({
      plugins: [
        { onExecute: () => ({ onExecuteDone: ({ result }) => freeze((result as ExecutionResult).data) }) },
      ],
    });
    try {
      const response = await frozen.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query: GATEWAY_QUERY, variables: { id: OWNER, first: 5 } }),
      });
      expect(response.status).toBe(200);
      const answer = (await response.json()) as { data: { user: { followers: { nodes: unknown[] } } } };
      expect(answer.data.user.followers.nodes).toHaveLength(5);
    } finally {
      await frozen.close();
    }
  });

  it('leaves the result of an event-stream answer whole, for it is written as it is read', async () => {
    executed.length = 0;
    const response = await post(10, 'text/event-stream');
    const stream = await response.text();
    expect(stream).toContain('"followers"');
    const [data] = executed as { user: { followers: { nodes: unknown[] } } }[];
    expect(data?.user.followers.nodes).toHaveLength(10);
  });

  it('keeps little of a 1,000-follower request once all it made before calling X is old, as under load', async () => {
    // X's page, fetched once from the emulator and then replayed as bytes: the emulator building pages in
    // this process would allocate alongside the gateway.
    const page = Buffer.from(
      await (
        await fetch(
          `${gateway.emulator.url}/2/users/${OWNER}/followers?max_results=1000&expansions=pinned_tweet_id` +
            '&tweet.fields=created_at,text&user.fields=created_at,description,location,name,protected,username,verified',
          { headers: { authorization: `Bearer ${DEFAULT_APP_TOKEN}` } },
        )
      ).arrayBuffer(),
    );
    const x = new MockAgent();
    x.disableNetConnect();
    x.get(X_ORIGIN)
      .intercept({ path: (path) => path.startsWith(`/2/users/${OWNER}/followers?`) })
      .reply(200, page, {
        headers: {
          'content-type': 'application/json',
          // A budget that does not run out over the runs.
          'x-rate-limit-limit': '1000000',
          'x-rate-limit-remaining': '999999',
          'x-rate-limit-reset': String(Math.floor(Date.now() / 1000) + 900),
        },
      })
      .persist();
    const waiting = waitingDispatcher(x);
    const client = createXClient({
      baseUrl: X_ORIGIN,
      bearerToken: APP_TOKEN,
      cacheTtlSeconds: 0,
      dispatcher: waiting.dispatcher,
    });
    const yoga = createGatewayYoga({ client });
    const ask = async () => {
      const response = await yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query: GATEWAY_QUERY, variables: { id: OWNER, first: 1000 } }),
      });
      // Read and checked in a continuation: this function never resumes with the answer.
      await response.arrayBuffer().then((bytes) => {
        expect(response.status).toBe(200);
        expect(bytes.byteLength).toBeGreaterThan(100_000);
      });
    };
    const result = await measureKeptAfterWait((wait) => waiting.during(wait, ask), {
      warmup: 10,
      runs: 20,
    });
    await client.close();
    await x.close();
    expect(result.madeBeforeBytes).toBeGreaterThan(0);
    // About 700 KB before the request let go of what it read (history §25); about 70 KB since.
    expect(result.keptBytes).toBeLessThan(256 * 1024);
  });
});
