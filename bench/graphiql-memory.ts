/**
 * `npx tsx bench/graphiql-memory.ts`: the resident memory of `npm start` around GraphiQL. Builds and starts
 * `dist/cli/gateway.js` (emulator mode, `npm start`'s Node flags, its own `dist/graphiql` asset directory)
 * and reads the process's VmRSS from `/proc` after start-up, after one GraphiQL view (the page and every
 * asset it refers to, `Accept-Encoding: br`, as a browser asks) and after ten. Linux only. `--entry
 * <file>` measures another bundle (an older build, for comparison).
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startFlags } from './children.ts';
import { viewGraphiql } from './graphiql-view.ts';

const ROOT = resolve(import.meta.dirname, '..');
const entryAt = process.argv.indexOf('--entry');
const entry = entryAt > 0 ? resolve(process.argv[entryAt + 1] ?? '') : resolve(ROOT, 'dist/cli/gateway.js');
if (entryAt < 0) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
const flags = startFlags();

/** The resident set of `pid`, in MiB. */
function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return Number(line?.[1] ?? Number.NaN) / 1024;
}

const child = spawn(process.execPath, [...flags, entry], {
  cwd: ROOT,
  env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise<string>((done, fail) => {
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const found = /"url":"([^"]+)"/.exec(out);
    if (found?.[1]) done(found[1]);
  });
  child.once('exit', (code) => fail(new Error(`the gateway exited with code ${code}`)));
});
const pid = child.pid ?? 0;

await sleep(1000);
const rows: [string, number][] = [['after start-up', rssMiB(pid)]];
const decoded = await viewGraphiql(url);
await sleep(1000);
rows.push(['after 1 GraphiQL view', rssMiB(pid)]);
for (let i = 1; i < 10; i++) await viewGraphiql(url);
await sleep(1000);
rows.push(['after 10 GraphiQL views', rssMiB(pid)]);
child.kill('SIGTERM');
process.stdout.write(`${entry}: one view reads ${(decoded / 1024 / 1024).toFixed(2)} MiB (decoded)\n`);
for (const [when, mib] of rows) process.stdout.write(`${when.padEnd(24)} ${mib.toFixed(1)} MiB resident\n`);
