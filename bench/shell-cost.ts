/**
 * `npx tsx bench/shell-cost.ts`: what a request costs before any of its work, for the gateway and for
 * the layers it stands on. Five servers answer `{ __typename }` (no resolver work, no upstream call):
 * `node:http` reading and answering the JSON by hand (`bench/arms/shell-http.ts`), graphql-js executing
 * it on `node:http` with each document parsed once (`bench/arms/shell-graphql.ts`), graphql-yoga with a
 * one-field schema and nothing else (`bench/arms/shell-yoga.ts`), the gateway's envelop (parse, validate,
 * context, execute with its plugins) on `node:http` without Yoga's HTTP layer
 * (`bench/arms/shell-envelop.ts`), and the gateway as `npm start` runs it (the bench's gateway arm, every
 * production plugin on). A fresh client token goes with every request. Each runs in
 * its own process; a closed-loop client gives each one turn of `SHELL_SECONDS` per concurrency in every
 * round (`SHELL_ROUNDS`, the order reversed every other round), and the table gives each server's CPU
 * time per request (median of the rounds) and its ratio to `node:http`'s. Every server's answer is
 * checked before measuring. This is the fixed cost the small-page rows of `npm run bench` cannot go below:
 * the floor arm's whole 10-follower request is `node:http` plus one upstream call.
 */
import { loadavg } from 'node:os';
import { startChild } from './children.ts';
import { readCpuTimes, stealShare } from './cpu-steal.ts';
import { fetchOnce, runLoad } from './load.ts';
import { loadShellOptions, type ShellTurns, shellRows, shellTable } from './shell-table.ts';
import { percentile, perSecond } from './stats.ts';
import type { ArmRequest } from './workload.ts';

/** The servers measured: their name in the table and their arm entry. */
const SHELLS = [
  ['node:http', 'shell-http.ts'],
  ['graphql-js', 'shell-graphql.ts'],
  ['graphql-yoga', 'shell-yoga.ts'],
  ['gateway (envelop only)', 'shell-envelop.ts'],
  ['gateway', 'gateway.ts'],
] as const;

/** The request every server is sent. */
const TYPENAME: ArmRequest = {
  method: 'POST',
  path: '/graphql',
  headers: { 'content-type': 'application/json', accept: 'application/json' },
  body: JSON.stringify({ query: '{ __typename }' }),
};

/** A server's turns, filled round by round. */
interface MeasuredTurns extends ShellTurns {
  readonly cpuMicrosPerRequest: number[];
  readonly p50Ms: number[];
  readonly perSecond: number[];
}

/** The `data` every server must answer (the gateway adds its cost extension beside it). */
const EXPECTED = JSON.stringify({ __typename: 'Query' });

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

const options = loadShellOptions(process.env);
// The gateway arm needs an upstream to start (it names one in its log and probes it for readiness);
// `{ __typename }` never calls it.
const upstream = await startChild('replay', { entry: 'replay.ts' });
const servers = [];
try {
  for (const [name, entry] of SHELLS) {
    const child = await startChild(name, { entry, env: { BENCH_UPSTREAM_URL: upstream.url } });
    servers.push({ name, child });
    const answer = await fetchOnce(child.url, TYPENAME);
    if (JSON.stringify((JSON.parse(answer) as { data?: unknown }).data) !== EXPECTED) {
      throw new Error(`${name} answered ${answer.slice(0, 200)} instead of data ${EXPECTED}`);
    }
  }
  const turns = new Map<string, MeasuredTurns>();
  const turnOf = (shell: string, concurrency: number): MeasuredTurns => {
    const key = `${shell} ${concurrency}`;
    const turn = turns.get(key) ?? { shell, concurrency, cpuMicrosPerRequest: [], p50Ms: [], perSecond: [] };
    turns.set(key, turn);
    return turn;
  };
  for (const concurrency of options.concurrencies) for (const { name } of servers) turnOf(name, concurrency);
  log(`warming up each server for ${options.seconds} s`);
  for (const { child } of servers) {
    await runLoad({ url: child.url, request: TYPENAME, concurrency: 16, durationMs: options.seconds * 1000 });
  }
  const cpuAtStart = readCpuTimes();
  const loadAtStart = loadavg()[0] ?? 0;
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 === 0 ? servers : [...servers].reverse();
    for (const concurrency of options.concurrencies) {
      for (const { name, child } of order) {
        const before = await child.usage();
        const load = await runLoad({
          url: child.url,
          request: TYPENAME,
          concurrency,
          durationMs: options.seconds * 1000,
          distinctTokens: true,
        });
        const after = await child.usage();
        if (load.errors > 0) throw new Error(`${name} failed ${load.errors} requests: ${load.firstError}`);
        const turn = turnOf(name, concurrency);
        turn.cpuMicrosPerRequest.push((after.cpuMicros - before.cpuMicros) / load.requests);
        turn.p50Ms.push(percentile(load.latenciesMs, 50));
        turn.perSecond.push(perSecond(load.requests, load.elapsedMs));
      }
    }
    log(`round ${round + 1} of ${options.rounds} done`);
  }
  const stolen = stealShare(cpuAtStart, readCpuTimes());
  log(
    `1-minute load average ${loadAtStart.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)}` +
      (stolen === undefined
        ? ''
        : `; the hypervisor took ${(stolen * 100).toFixed(1)}% of the CPUs' time (steal)`),
  );
  process.stdout.write(`${shellTable(shellRows([...turns.values()], 'node:http'), 'node:http')}\n`);
} finally {
  for (const { child } of servers) await child.close();
  await upstream.close();
}
