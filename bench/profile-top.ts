/**
 * `npx tsx bench/profile-top.ts <file.cpuprofile> [count] [function]`: the functions and the files with
 * the most self time in a V8 CPU profile (as written by `BENCH_CPU_PROF=<arm> npm run bench`), and with a
 * function name, who calls it (by the self time spent in it under each caller), for finding what an arm
 * spends its time on without a browser.
 */
import { readFileSync } from 'node:fs';

/** The parts of a `.cpuprofile` this reads. */
interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { functionName: string; url: string; lineNumber: number };
    readonly children?: readonly number[];
  }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Self time per key, in microseconds, largest first. */
function topBy(profile: CpuProfile, key: (frame: CpuProfile['nodes'][number]['callFrame']) => string) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id);
    if (!frame) return;
    const name = key(frame);
    totals.set(name, (totals.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return [...totals].sort((a, b) => b[1] - a[1]);
}

/** A file URL shortened to its package or its path in the repository. */
function shortUrl(url: string): string {
  const inModules = url.lastIndexOf('node_modules/');
  if (inModules >= 0) return url.slice(inModules + 'node_modules/'.length);
  const repo = url.indexOf('/main/');
  return repo >= 0 ? url.slice(repo + '/main/'.length) : url || '(native)';
}

/** Self time of the function named `name`, by the chain of its 3 nearest callers. */
function callersOf(profile: CpuProfile, name: string): [string, number][] {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    if (byId.get(id)?.functionName !== name) return;
    const chain: string[] = [];
    for (let at = parent.get(id); at !== undefined && chain.length < 3; at = parent.get(at)) {
      const frame = byId.get(at);
      if (frame)
        chain.push(`${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`);
    }
    const key = chain.join(' < ');
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return [...totals].sort((a, b) => b[1] - a[1]);
}

const [file, countArg, callee] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: tsx bench/profile-top.ts <file.cpuprofile> [count]\n');
  process.exit(2);
}
const count = Number(countArg ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const total = profile.timeDeltas.reduce((sum, delta) => sum + delta, 0);
const show = (title: string, rows: [string, number][]): void => {
  process.stdout.write(`\n${title}\n`);
  for (const [name, micros] of rows.slice(0, count)) {
    process.stdout.write(`${((micros / total) * 100).toFixed(1).padStart(5)}%  ${name}\n`);
  }
};
show(
  'self time by function',
  topBy(profile, (f) => `${f.functionName || '(anonymous)'}  ${shortUrl(f.url)}:${f.lineNumber + 1}`),
);
show(
  'self time by file',
  topBy(profile, (f) => shortUrl(f.url)),
);
if (callee) show(`callers of ${callee}`, callersOf(profile, callee));
