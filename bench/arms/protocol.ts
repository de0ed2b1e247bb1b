/**
 * The IPC protocol between the bench and each arm's child process. Every arm serves HTTP in its own
 * process so that its CPU time and resident memory are its own: the child says `ready` with its URL,
 * then answers `stats` (CPU time since start, the peak RSS sampled since the last `stats`) until `close`.
 */

/** What the bench asks a child. */
export type ParentMessage = { readonly type: 'stats' } | { readonly type: 'close' };

/** A child's usage: CPU time since it started and the highest RSS sampled since the last report. */
export interface ChildUsage {
  /** User plus system CPU time of the process since it started, in microseconds. */
  readonly cpuMicros: number;
  /** Highest resident set size sampled since the previous report, in bytes. */
  readonly peakRssBytes: number;
  /** The process's lifetime peak RSS (`getrusage` maxrss), in bytes. */
  readonly maxRssBytes: number;
}

/** What a child tells the bench. */
export type ChildMessage =
  | { readonly type: 'ready'; readonly url: string }
  | ({ readonly type: 'stats' } & ChildUsage)
  | { readonly type: 'failed'; readonly message: string };

/** A started server of an arm (or the emulator). */
export interface ServedArm {
  /** Origin of the server, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  close(): Promise<void>;
}

/** How often the child samples its RSS, in milliseconds. */
const RSS_SAMPLE_MS = 25;

/**
 * Runs a child's server: starts it, reports `ready`, answers the bench's messages, and exits when told
 * to close or when the bench goes away. A start-up failure is reported as `failed` and exits 1.
 */
export async function runChild(start: () => Promise<ServedArm>): Promise<void> {
  const send = (message: ChildMessage): void => {
    process.send?.(message);
  };
  if (!process.send) {
    process.stderr.write('This is a child process of `npm run bench`; run `npm run bench` instead.\n');
    process.exit(2);
  }
  let served: ServedArm;
  try {
    served = await start();
  } catch (error) {
    send({
      type: 'failed',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    process.exit(1);
  }
  let peakRssBytes = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRssBytes = Math.max(peakRssBytes, process.memoryUsage.rss());
  }, RSS_SAMPLE_MS);
  sampler.unref();
  const stop = (): void => {
    clearInterval(sampler);
    served.close().finally(() => process.exit(0));
  };
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'close') return stop();
    const usage = process.cpuUsage();
    const peak = Math.max(peakRssBytes, process.memoryUsage.rss());
    peakRssBytes = process.memoryUsage.rss();
    send({
      type: 'stats',
      cpuMicros: usage.user + usage.system,
      peakRssBytes: peak,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
    });
  });
  process.on('disconnect', stop);
  send({ type: 'ready', url: served.url });
}
