import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { assertConforms } from '../fixtures/emulator-openapi.ts';

const ROOT = new URL('../..', import.meta.url);

let child: ChildProcess | undefined;
afterEach(() => {
  // The child leads its own process group: end npm and the emulator it runs, whatever state they are in
  // (npm may have exited and left the emulator running).
  if (child?.pid !== undefined) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  child = undefined;
});

/** Spawns `npm run emulator` (quiet: the emulator's own lines only) with extra environment variables. */
function spawnEmulator(env: Record<string, string>): ChildProcess {
  child = spawn('npm', ['run', '--silent', 'emulator'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  return child;
}

/** The first line a stream prints. */
async function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split('\n')[0] ?? '';
}

/** Whether `url` refuses connections, asked until it does (at most 50 times, 100 ms apart). */
async function portClosed(url: string): Promise<boolean> {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      await fetch(`${url}/2/users/me`);
    } catch (error) {
      if ((error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED') return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

describe('npm run emulator', () => {
  it('serves on EMULATOR_PORT, prints its URL and tokens on one line, and stops on SIGTERM', async () => {
    const emulator = spawnEmulator({ EMULATOR_PORT: '0', EMULATOR_RATE_LIMIT: '3' });
    const line = await firstLine(emulator.stdout as NodeJS.ReadableStream);
    const url = /on (http:\/\/127\.0\.0\.1:[0-9]+) /.exec(line)?.[1];
    const appToken = /Bearer ([^"\s]+)", user token/.exec(line)?.[1];
    const userToken = /TwitterDev \(2244994945\) "Bearer ([^"]+)"/.exec(line)?.[1];
    expect(url).toBeDefined();
    expect(appToken).toBe('emulator-app-token');
    const followers = await fetch(`${url}/2/users/2244994945/followers?max_results=1`, {
      headers: { authorization: `Bearer ${appToken}` },
    });
    expect(followers.status).toBe(200);
    assertConforms('/2/users/2244994945/followers', 200, await followers.json());
    expect(followers.headers.get('x-rate-limit-limit')).toBe('3');
    const me = await fetch(`${url}/2/users/me`, { headers: { authorization: `Bearer ${userToken}` } });
    const meBody = await me.json();
    assertConforms('/2/users/me', me.status, meBody);
    expect(meBody.data.username).toBe('TwitterDev');
    // SIGTERM to npm alone: the script `exec`s the emulator, so npm's signal reaches it and it closes.
    emulator.kill('SIGTERM');
    await once(emulator, 'exit');
    await expect(portClosed(url ?? '')).resolves.toBe(true);
  }, 60_000);

  it('stops with one line naming a bad variable', async () => {
    const emulator = spawnEmulator({ EMULATOR_PORT: '0', EMULATOR_RATE_LIMIT: 'fast' });
    const line = await firstLine(emulator.stderr as NodeJS.ReadableStream);
    expect(line).toBe(`EMULATOR_RATE_LIMIT must be a positive integer or 'off', got "fast"`);
    const [code] = await once(emulator, 'exit');
    expect(code).toBe(1);
  }, 60_000);
});
