import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatorHandle, startEmulator } from '../../src/emulator/start-emulator.ts';

let emulator: EmulatorHandle;
beforeAll(async () => {
  emulator = await startEmulator({ rateLimit: 'off', appTokens: ['first-app', 'second-app'] });
});
afterAll(() => emulator.close());

/** GETs a path as one app. */
const get = (path: string, token: string) =>
  fetch(`${emulator.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

describe('emulator billing', () => {
  it('bills each resource once per app and UTC day, by kind, at GET /__emulator/billing', async () => {
    const page = '/2/users/2244994945/followers?max_results=5&expansions=pinned_tweet_id';
    const body = (await (await get(page, 'first-app')).json()) as {
      data: unknown[];
      includes?: { tweets?: unknown[] };
    };
    await get(page, 'first-app');
    await get('/2/users?ids=2244994945', 'first-app');
    await get(page, 'second-app');
    const billing = (await (await fetch(`${emulator.url}/__emulator/billing`)).json()) as {
      days: { app: string; users: number; follows: number; posts: number; usd: number }[];
    };
    const posts = body.includes?.tweets?.length ?? 0;
    const first = billing.days.find((day) => day.app === 'app:1');
    expect(first).toMatchObject({ users: 1, follows: 5, posts });
    expect(first?.usd).toBe((1 * 10_000 + 5 * 10_000 + posts * 5_000) / 1_000_000);
    expect(billing.days.find((day) => day.app === 'app:2')).toMatchObject({ users: 0, follows: 5, posts });
    expect(emulator.billing()).toEqual(billing.days);
  });
});
