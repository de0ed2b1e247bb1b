import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_APP_TOKEN, type EmulatorHandle } from '../../src/emulator/start-emulator.ts';
import { startFakeEmulator, xGet } from '../fixtures/emulator-client.ts';

const FOLLOWERS = '/2/users/2244994945/followers?max_results=2';
const USER = '/2/users/2244994945';

let emulator: EmulatorHandle;
beforeEach(async () => {
  emulator = await startFakeEmulator();
});
afterEach(() => emulator.close());

/** A raw GET that reports how the exchange ended instead of throwing. */
function rawGet(
  path: string,
): Promise<{ outcome: 'answer'; status: number; body: string } | { outcome: 'error'; code: string }> {
  return new Promise((resolve) => {
    const req = request(`${emulator.url}${path}`, {
      headers: { authorization: `Bearer ${DEFAULT_APP_TOKEN}` },
      agent: false,
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ outcome: 'answer', status: res.statusCode ?? 0, body }));
      res.on('error', (error: NodeJS.ErrnoException) =>
        resolve({ outcome: 'error', code: error.code ?? error.message }),
      );
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ outcome: 'error', code: error.code ?? error.message }),
    );
    req.end();
  });
}

describe('fault injection', () => {
  it('answers an injected status with X’s generic problem body, only as many times as asked', async () => {
    emulator.faults.inject({ kind: 'status', status: 503, times: 1 });
    const failed = await xGet(emulator, FOLLOWERS);
    expect(failed.status).toBe(503);
    expect(failed.body).toEqual({
      title: 'Service Unavailable',
      type: 'about:blank',
      status: 503,
      detail: 'Service Unavailable',
    });
    expect((await xGet(emulator, FOLLOWERS)).status).toBe(200);
    expect(emulator.requests.map((r) => [r.status, r.fault])).toEqual([
      [503, 'status'],
      [200, undefined],
    ]);
  });

  it('applies a fault only to paths that match its pattern', async () => {
    emulator.faults.inject({ kind: 'status', status: 500, path: /followers/ });
    expect((await xGet(emulator, USER)).status).toBe(200);
    expect((await xGet(emulator, FOLLOWERS)).status).toBe(500);
    expect((await xGet(emulator, FOLLOWERS)).status).toBe(500);
    emulator.faults.clear();
    expect((await xGet(emulator, FOLLOWERS)).status).toBe(200);
    emulator.faults.inject({ kind: 'status', status: 502, path: '/2/users/2244994945', times: 2 });
    expect((await xGet(emulator, FOLLOWERS)).status).toBe(502);
    expect((await xGet(emulator, USER)).status).toBe(502);
    expect(emulator.faults.pending).toEqual([]);
  });

  it('drops the connection without an answer', async () => {
    emulator.faults.inject({ kind: 'drop', times: 1 });
    const dropped = await rawGet(FOLLOWERS);
    expect(dropped).toEqual({ outcome: 'error', code: 'ECONNRESET' });
    expect(emulator.requests.at(-1)).toMatchObject({ status: 0, fault: 'drop' });
    expect((await rawGet(FOLLOWERS)).outcome).toBe('answer');
  });

  it('sends a truncated JSON body', async () => {
    emulator.faults.inject({ kind: 'malformed', times: 1 });
    const answer = await rawGet(FOLLOWERS);
    expect(answer.outcome).toBe('answer');
    if (answer.outcome !== 'answer') return;
    expect(answer.status).toBe(200);
    expect(answer.body.startsWith('{"data":[')).toBe(true);
    expect(() => JSON.parse(answer.body)).toThrow(SyntaxError);
  });

  it('delays the answer by the injected latency, then answers normally', async () => {
    emulator.faults.inject({ kind: 'latency', ms: 50, times: 1 });
    const answer = await xGet(emulator, FOLLOWERS);
    expect(answer.status).toBe(200);
    expect(emulator.requests.at(-1)).toMatchObject({ status: 200, fault: 'latency' });
  });

  it('leaves a hung request unanswered until close() ends it', async () => {
    emulator.faults.inject({ kind: 'hang', times: 1 });
    const pending = rawGet(FOLLOWERS);
    let settled = false;
    void pending.then(() => {
      settled = true;
    });
    await vi.waitFor(() =>
      expect(emulator.requests.find((r) => r.fault === 'hang')).toMatchObject({ status: 0 }),
    );
    expect((await xGet(emulator, USER)).status).toBe(200);
    expect(settled).toBe(false);
    await emulator.close();
    expect(await pending).toEqual({ outcome: 'error', code: 'ECONNRESET' });
    emulator = await startFakeEmulator();
  });

  it('rejects faults it cannot apply, naming the bad field', () => {
    expect(() => emulator.faults.inject({ kind: 'status', status: 42 })).toThrow(/status/);
    expect(() => emulator.faults.inject({ kind: 'drop', times: 0 })).toThrow(/times/);
    expect(() => emulator.faults.inject({ kind: 'latency', ms: -1 })).toThrow(/ms/);
  });
});
