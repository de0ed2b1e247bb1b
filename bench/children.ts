import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, ChildUsage, ParentMessage } from './arms/protocol.ts';

/**
 * The bench's side of the child processes: forks an arm (or the emulator), waits for its `ready`, asks
 * for its usage, and closes it. The gateway arm runs as `npm start` runs the gateway: its entry is
 * bundled by `scripts/build.mjs --bench` (importing the very `dist/server.js` of `npm start`, built
 * first by this bench) and forked with plain `node` and the flags of `scripts/node-flags.json`. The
 * other children run their TypeScript with `--import tsx`.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Arm entries that run bundled, as `npm start` does, and their bundle (relative to the repository). */
const BUNDLED_ENTRIES: Readonly<Record<string, string>> = { 'gateway.ts': 'dist/bench/gateway.js' };

let built = false;

/** Builds `dist/server.js` and the bundled arm entries, once per bench run. */
function buildBundles(): void {
  if (built) return;
  execFileSync(process.execPath, ['scripts/build.mjs', '--bench'], { cwd: ROOT, stdio: 'inherit' });
  built = true;
}

/** The node flags of `npm start` (`scripts/node-flags.json`). */
export function startFlags(): string[] {
  return JSON.parse(readFileSync(new URL('../scripts/node-flags.json', import.meta.url), 'utf8')) as string[];
}

/** A running child. */
export interface ChildHandle {
  readonly name: string;
  /** Origin of the child's server. */
  readonly url: string;
  /** From fork to listening, in milliseconds (loading, transpiling if any, and schema building included). */
  readonly startupMs: number;
  /** Its CPU time so far and the peak RSS since the previous call. */
  usage(): Promise<ChildUsage>;
  /** Asks it to close and waits for it to exit (killed after 5 s). */
  close(): Promise<void>;
}

/** Options of {@link startChild}. */
export interface StartChildOptions {
  /** The child's entry, relative to `bench/arms`, e.g. `floor.ts`. */
  readonly entry: string;
  readonly env?: Record<string, string>;
  /** Directory for a `--cpu-prof` profile of this child; none when undefined. */
  readonly cpuProfDir?: string | undefined;
  /** How long to wait for `ready`, in milliseconds. @default 120000 */
  readonly startTimeoutMs?: number;
}

/** Starts a child and resolves once it listens; rejects with its message when it fails to start. */
export async function startChild(name: string, options: StartChildOptions): Promise<ChildHandle> {
  const bundled = BUNDLED_ENTRIES[options.entry];
  if (bundled) buildBundles();
  const entry = bundled
    ? fileURLToPath(new URL(`../${bundled}`, import.meta.url))
    : fileURLToPath(new URL(`./arms/${options.entry}`, import.meta.url));
  const execArgv = bundled ? startFlags() : ['--import', 'tsx'];
  if (options.cpuProfDir) {
    mkdirSync(options.cpuProfDir, { recursive: true });
    execArgv.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`);
  }
  const forkedAt = performance.now();
  const child = fork(entry, [], {
    execArgv,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await waitFor(child, 'ready', options.startTimeoutMs ?? 120_000, name);
  if (ready.type !== 'ready') throw new Error(`${name} did not start`);
  const send = (message: ParentMessage): void => {
    child.send(message);
  };
  return {
    name,
    url: ready.url,
    startupMs: performance.now() - forkedAt,
    usage: async () => {
      const reply = waitFor(child, 'stats', 10_000, name);
      send({ type: 'stats' });
      const stats = await reply;
      if (stats.type !== 'stats') throw new Error(`${name} sent no stats`);
      return { cpuMicros: stats.cpuMicros, peakRssBytes: stats.peakRssBytes, maxRssBytes: stats.maxRssBytes };
    },
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      send({ type: 'close' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The child's next message of `type`; rejects if it fails, exits or stays silent past `timeoutMs`. */
function waitFor(
  child: ChildProcess,
  type: ChildMessage['type'],
  timeoutMs: number,
  name: string,
): Promise<ChildMessage> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (message: ChildMessage): void => {
      if (message.type === 'failed') {
        done();
        reject(new Error(`${name} failed to start: ${message.message}`));
      } else if (message.type === type) {
        done();
        resolve(message);
      }
    };
    const onExit = (code: number | null): void => {
      done();
      reject(new Error(`${name} exited (code ${code}) while the bench waited for "${type}"`));
    };
    const timer = setTimeout(() => {
      done();
      child.kill('SIGKILL');
      reject(new Error(`${name} did not answer "${type}" within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}
