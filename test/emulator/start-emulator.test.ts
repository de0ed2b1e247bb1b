import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatorHandle, startEmulator } from '../../src/emulator/start-emulator.ts';
import { startFakeEmulator, xGet } from '../fixtures/emulator-client.ts';
import { createFakeStore } from '../fixtures/emulator-fake-store.ts';

const PAGE_DOES_NOT_EXIST = { errors: [{ message: 'Sorry, that page does not exist', code: 34 }] };

let emulator: EmulatorHandle;
beforeAll(async () => {
  emulator = await startFakeEmulator({ clock: () => 1_700_000_000_000 });
});
afterAll(() => emulator.close());

describe('startEmulator', () => {
  it('listens on a free loopback port and names it in url', () => {
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:[0-9]+$/);
  });

  it('names loopback in url when it listens on all interfaces', async () => {
    const all = await startEmulator({ store: createFakeStore(), host: '0.0.0.0' });
    try {
      expect(all.url).toMatch(/^http:\/\/127\.0\.0\.1:[0-9]+$/);
      expect((await xGet(all, '/2/users/2244994945')).status).toBe(200);
    } finally {
      await all.close();
    }
  });

  it('answers unknown paths with X’s 404 body', async () => {
    for (const path of [
      '/2/users/2244994945/likes',
      '/2/nope',
      '/1.1/users/show.json',
      '/',
      '/2/users/2244994945/',
    ]) {
      const answer = await xGet(emulator, path, { unchecked: true });
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual(PAGE_DOES_NOT_EXIST);
    }
  });

  it('answers other methods than GET on known paths with the same 404', async () => {
    for (const method of ['POST', 'DELETE', 'PUT']) {
      const response = await fetch(`${emulator.url}/2/users/2244994945/followers`, {
        method,
        headers: { authorization: 'Bearer emulator-app-token' },
      });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual(PAGE_DOES_NOT_EXIST);
    }
  });

  it('logs each request with its parsed query, principal, endpoint, status and time', async () => {
    emulator.clearRequests();
    await xGet(emulator, '/2/users/2244994945/followers?max_results=5&user.fields=created_at,description');
    await xGet(emulator, '/2/users/2244994945/followers?max_results=5&max_results=6');
    expect(emulator.requests).toEqual([
      {
        method: 'GET',
        path: '/2/users/2244994945/followers',
        query: { max_results: '5', 'user.fields': 'created_at,description' },
        principal: { kind: 'app', key: 'app:1' },
        endpoint: 'GET /2/users/:id/followers',
        status: 200,
        time: 1_700_000_000_000,
      },
      expect.objectContaining({ query: { max_results: ['5', '6'] }, status: 400 }),
    ]);
    emulator.clearRequests();
    expect(emulator.requests).toEqual([]);
  });

  it('keeps serving after a handler fails, answering 500', async () => {
    const store = createFakeStore();
    const broken = await startEmulator({
      store: {
        ...store,
        followers: () => {
          throw new Error('boom');
        },
      },
      rateLimit: 'off',
    });
    try {
      const failed = await xGet(broken, '/2/users/2244994945/followers');
      expect(failed.status).toBe(500);
      expect(failed.body).toEqual({
        title: 'Internal Server Error',
        type: 'about:blank',
        status: 500,
        detail: 'Internal Server Error',
      });
      expect((await xGet(broken, '/2/users/2244994945')).status).toBe(200);
    } finally {
      await broken.close();
    }
  });

  it('rejects bad options, naming the option', async () => {
    const store = createFakeStore();
    await expect(startEmulator({ store, rateLimit: 0 })).rejects.toThrow(/rateLimit/);
    await expect(startEmulator({ store, rateLimit: 1.5 })).rejects.toThrow(/rateLimit/);
    await expect(startEmulator({ store, port: 70_000 })).rejects.toThrow(/port/);
    await expect(startEmulator({ store, appTokens: [] })).rejects.toThrow(/appTokens/);
    const oauth1 = {
      consumerKey: 'k',
      consumerSecret: 's',
      accessToken: 't',
      accessTokenSecret: 'u',
      userId: '1',
    };
    await expect(startEmulator({ store, oauth1 })).rejects.toThrow(/oauth1 credentials k name user 1/);
  });

  it('closes once, however often close() is called', async () => {
    const other = await startEmulator({ store: createFakeStore() });
    await Promise.all([other.close(), other.close()]);
    await other.close();
    await expect(fetch(`${other.url}/2/users/2244994945`)).rejects.toThrow();
  });

  it('fails to start on a port already in use', async () => {
    const port = Number(new URL(emulator.url).port);
    await expect(startEmulator({ store: createFakeStore(), port })).rejects.toThrow(/EADDRINUSE/);
  });
});
