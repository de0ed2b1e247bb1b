import { describe, expect, it } from 'vitest';
import type { SessionSource } from '../../src/context.ts';
import { AdmissionGate } from '../../src/plugins/admission.ts';
import { OverloadedError } from '../../src/rest/errors.ts';
import type { UserQuery } from '../../src/rest/x-api.ts';
import { createGatewayYoga } from '../../src/yoga.ts';
import { FakeSession } from '../fixtures/schema-fake-session.ts';

/** Lets the pending promise callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('AdmissionGate', () => {
  it('runs at most maxConcurrent operations and admits the waiting ones in arrival order', async () => {
    const gate = new AdmissionGate({ maxConcurrent: 2, maxQueued: 10 });
    const admitted: string[] = [];
    const take = async (name: string) => {
      await gate.enter();
      admitted.push(name);
    };
    const all = ['a', 'b', 'c', 'd', 'e'].map(take);
    await settle();
    expect(admitted).toEqual(['a', 'b']);
    expect(gate.state).toEqual({ running: 2, queued: 3 });
    gate.leave();
    await settle();
    expect(admitted).toEqual(['a', 'b', 'c']);
    gate.leave();
    gate.leave();
    await Promise.all(all);
    expect(admitted).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(gate.state).toEqual({ running: 2, queued: 0 });
    gate.leave();
    gate.leave();
    expect(gate.state).toEqual({ running: 0, queued: 0 });
  });

  it('refuses an operation with OverloadedError once maxQueued operations wait', async () => {
    const gate = new AdmissionGate({ maxConcurrent: 1, maxQueued: 1 });
    expect(gate.enter()).toBeUndefined();
    const waiting = gate.enter();
    await expect(gate.enter()).rejects.toBeInstanceOf(OverloadedError);
    await expect(gate.enter()).rejects.toThrow('at capacity (1 operation already waiting)');
    gate.leave();
    await expect(waiting).resolves.toBeUndefined();
    expect(gate.state).toEqual({ running: 1, queued: 0 });
  });

  it('drops a waiting operation whose client goes away, and lets the next one in', async () => {
    const changes: string[] = [];
    const gate = new AdmissionGate({
      maxConcurrent: 1,
      onChange: ({ running, queued }) => changes.push(`${running}/${queued}`),
    });
    gate.enter();
    const gone = new AbortController();
    const first = gate.enter(gone.signal);
    const second = gate.enter();
    gone.abort(new Error('client closed'));
    await expect(first).rejects.toThrow('client closed');
    expect(gate.state).toEqual({ running: 1, queued: 1 });
    gate.leave();
    await expect(second).resolves.toBeUndefined();
    expect(changes).toEqual(['1/0', '1/1', '1/2', '1/1', '1/0']);
  });
});

describe('useAdmission', () => {
  /** A yoga whose user lookups wait until `release` is called. */
  function blockedYoga(admission: { maxConcurrent: number; maxQueued: number }) {
    const session = new FakeSession({ users: [{ id: '12', name: 'Jack', username: 'jack' }], tweets: [] });
    const lookups: string[][] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const original = session.usersByIds.bind(session);
    session.usersByIds = async (ids: readonly string[], query: UserQuery) => {
      lookups.push([...ids]);
      await gate;
      return original(ids, query);
    };
    const client: SessionSource = { session: () => session };
    return { yoga: createGatewayYoga({ client, admission }), lookups, release };
  }

  /** Posts `{ user(restId: "12") { name } }`. */
  const ask = (yoga: ReturnType<typeof createGatewayYoga>) =>
    yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ user(restId: "12") { name } }' }),
    });

  it('executes the next operation only when the running one has finished', async () => {
    const { yoga, lookups, release } = blockedYoga({ maxConcurrent: 1, maxQueued: 5 });
    const first = ask(yoga);
    const second = ask(yoga);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lookups).toHaveLength(1);
    release();
    const answers = await Promise.all([first, second].map(async (r) => (await r).json()));
    for (const answer of answers) expect(answer).toMatchObject({ data: { user: { name: 'Jack' } } });
    expect(lookups).toHaveLength(2);
  });

  it('answers OVERLOADED with HTTP 503 and Retry-After when the queue is full, and serves the others', async () => {
    const { yoga, release } = blockedYoga({ maxConcurrent: 1, maxQueued: 0 });
    const first = ask(yoga);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const refused = await ask(yoga);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    const body = (await refused.json()) as { data?: unknown; errors: { extensions: { code: string } }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors.map((error) => error.extensions.code)).toEqual(['OVERLOADED']);
    release();
    expect((await (await first).json()) as { data: unknown }).toMatchObject({
      data: { user: { name: 'Jack' } },
    });
  });
});
