import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const VERSION = (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;

let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
});

/** A finished or running `x-api-emulator` (`src/cli/emulator.ts`, as `npm run emulator` runs it). */
interface EmulatorRun {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout holds a whole line, or the process ended. */
  readonly firstLine: Promise<void>;
}

/** Spawns the emulator's command line with `args`, over an environment holding only `env` and PATH. */
function emulator(args: string[], env: Record<string, string> = {}): EmulatorRun {
  const spawned = spawn(process.execPath, ['--import', 'tsx', 'src/cli/emulator.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = spawned;
  let stdout = '';
  let stderr = '';
  spawned.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  spawned.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const firstLine = new Promise<void>((done) => {
    spawned.stdout.on('data', () => {
      if (stdout.includes('\n')) done();
    });
    spawned.once('exit', () => done());
  });
  return { child: spawned, stdout: () => stdout, stderr: () => stderr, firstLine };
}

/** The exit code once the process ended. */
async function exitCode(run: EmulatorRun): Promise<number | null> {
  if (run.child.exitCode !== null) return run.child.exitCode;
  const [code] = await once(run.child, 'exit');
  return code as number | null;
}

describe('x-api-emulator', () => {
  it('prints its help and its version', async () => {
    const help = emulator(['--help']);
    expect(await exitCode(help)).toBe(0);
    expect(help.stdout()).toMatch(/^Usage: x-api-emulator \[options\]/);
    for (const flag of ['--port <port>', '--host <host>', '--seed <seed>', '--rate-limit <n|off>']) {
      expect(help.stdout()).toContain(flag);
    }
    const version = emulator(['-v']);
    expect(await exitCode(version)).toBe(0);
    expect(version.stdout()).toBe(`${VERSION}\n`);
  }, 60_000);

  it.each([
    [['--verbose'], 'x-api-emulator: unknown option "--verbose" (see x-api-emulator --help)\n'],
    [['--seed='], 'x-api-emulator: --seed must not be empty: --seed <seed> (see x-api-emulator --help)\n'],
    [
      ['--rate-limit', 'fast'],
      `x-api-emulator: --rate-limit must be a positive integer or 'off', got "fast" (see x-api-emulator --help)\n`,
    ],
  ])(
    'refuses %j with one line and exit code 2',
    async (args, line) => {
      const run = emulator(args);
      expect(await exitCode(run)).toBe(2);
      expect(run.stderr()).toBe(line);
    },
    60_000,
  );

  it('serves with its flags over the environment', async () => {
    const run = emulator(['--port', '0', '--rate-limit', '3', '--seed=7'], {
      EMULATOR_PORT: 'not a port',
      EMULATOR_RATE_LIMIT: '9',
    });
    await run.firstLine;
    const url = /on (http:\/\/127\.0\.0\.1:[0-9]+) /.exec(run.stdout())?.[1];
    expect(run.stdout()).toContain('(seed 7, rate limit 3/15 min');
    const response = await fetch(`${url}/2/users/by/username/TwitterDev`, {
      headers: { authorization: 'Bearer emulator-app-token' },
    });
    expect(response.headers.get('x-rate-limit-limit')).toBe('3');
    run.child.kill('SIGTERM');
    expect(await exitCode(run)).toBe(0);
  }, 60_000);
});
