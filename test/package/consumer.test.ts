import { type ExecFileSyncOptions, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The package as a consumer gets it: built (`npm run build`, what `prepack` runs), packed with `npm pack`,
 * and installed from the tarball into a fresh project (its dependencies from the registry, the local npm
 * cache first). The consumer then imports it from plain Node ESM and type-checks against it with
 * `module: nodenext`. Slow (a build, an install, a type check): about 30 to 60 seconds.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const TSC = resolve(ROOT, 'node_modules/typescript/bin/tsc');
const PKG = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};
const TYPES_NODE = (
  JSON.parse(readFileSync(resolve(ROOT, 'node_modules/@types/node/package.json'), 'utf8')) as {
    version: string;
  }
).version;

let work: string;
let consumer: string;
let packed: { files: { path: string }[] };

/** The environment of npm and node children: the parent's, without the `npm_*` variables of a running script. */
function childEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('npm_')));
}

/** Runs a command to its end and returns its stdout; a failure throws with its output. */
function run(file: string, args: string[], options: ExecFileSyncOptions = {}): string {
  return execFileSync(file, args, {
    encoding: 'utf8',
    env: childEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options,
  }) as string;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'x-graphql-gateway-package-'));
  run('npm', ['run', '--silent', 'build'], { cwd: ROOT });
  const [result] = JSON.parse(
    run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT }),
  ) as [{ filename: string; files: { path: string }[] }];
  packed = result;
  consumer = join(work, 'consumer');
  mkdirSync(consumer);
  writeFileSync(
    join(consumer, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  run(
    'npm',
    [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      '--loglevel=error',
      join(work, result.filename),
      `@types/node@${TYPES_NODE}`,
    ],
    { cwd: consumer },
  );
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('holds the built library, its types, the two commands and the documents, and nothing else', () => {
    const paths = packed.files.map((file) => file.path);
    for (const path of [
      'lib/index.mjs',
      'lib/index.d.mts',
      'lib/emulator.mjs',
      'lib/emulator.d.mts',
      'lib/cli/gateway.mjs',
      'lib/cli/emulator.mjs',
      'documents/followers-with-pinned-tweets.graphql',
      'schema.graphql',
    ]) {
      expect(paths).toContain(path);
    }
    const stray = paths.filter(
      (path) =>
        !/^(lib\/.+\.m(js|ts)|documents\/[a-z-]+\.graphql|(schema|subgraph)\.graphql|README\.md|package\.json)$/.test(
          path,
        ),
    );
    expect(stray).toEqual([]);
  });

  it('declares no build tool as a runtime dependency', () => {
    const installed = JSON.parse(
      readFileSync(join(consumer, 'node_modules', PKG.name, 'package.json'), 'utf8'),
    ) as { dependencies: Record<string, string> };
    for (const tool of ['tsx', 'esbuild', 'tsdown', 'typescript', 'vitest']) {
      expect(Object.keys(installed.dependencies)).not.toContain(tool);
    }
  });

  it('ships declarations without .ts import specifiers', () => {
    for (const file of ['lib/index.d.mts', 'lib/emulator.d.mts']) {
      const text = readFileSync(join(consumer, 'node_modules', PKG.name, file), 'utf8');
      expect(text).not.toMatch(/from ["'][^"']+\.ts["']/);
    }
  });

  it('runs a query through the library on the exported emulator from plain Node ESM', () => {
    writeFileSync(
      join(consumer, 'query.mjs'),
      `import { execute, parse } from 'graphql';
import { createGatewaySchema } from '${PKG.name}';
import { startEmulator } from '${PKG.name}/emulator';

const emulator = await startEmulator({ port: 0, rateLimit: 'off' });
const gateway = createGatewaySchema({ x: { baseUrl: emulator.url, bearerToken: emulator.appTokens[0] } });
const result = await execute({
  schema: gateway.schema,
  document: parse('{ user(username: "TwitterDev") { restId name following(first: 2) { nodes { restId } } } }'),
  contextValue: gateway.createContext(),
});
await gateway.close();
await emulator.close();
process.stdout.write(JSON.stringify(result));
`,
    );
    const result = JSON.parse(run(process.execPath, ['query.mjs'], { cwd: consumer }));
    expect(result.errors).toBeUndefined();
    expect(result.data.user).toMatchObject({ restId: '2244994945', name: 'Twitter Dev' });
    expect(result.data.user.following.nodes).toHaveLength(2);
  }, 30_000);

  it('type-checks a TypeScript consumer with module nodenext, the library checks included', () => {
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: ['node'],
        },
        include: ['consumer.ts'],
      }),
    );
    writeFileSync(
      join(consumer, 'consumer.ts'),
      `import { execute, parse } from 'graphql';
import { createGatewaySchema, type GatewayContext, type GatewaySchema } from '${PKG.name}';
import { type EmulatorHandle, startEmulator } from '${PKG.name}/emulator';

const emulator: EmulatorHandle = await startEmulator({ port: 0, rateLimit: 'off' });
const gateway: GatewaySchema = createGatewaySchema({ x: { baseUrl: emulator.url } });
const context: GatewayContext = gateway.createContext({ userToken: emulator.issueUserToken('2244994945') });
const result = await execute({ schema: gateway.schema, document: parse('{ viewer { restId } }'), contextValue: context });
export const viewer: unknown = result.data?.viewer;
// @ts-expect-error the options are typed: an unknown option is an error
createGatewaySchema({ x: { baseUrl: emulator.url, bogus: true } });
// @ts-expect-error the emulator's options are typed too
await startEmulator({ port: 'any' });
`,
    );
    let output = '';
    try {
      output = run(process.execPath, [TSC, '-p', '.'], { cwd: consumer });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe('');
  }, 60_000);

  it('installs the two commands, and x-graphql-gateway serves GraphiQL and GraphQL', async () => {
    const bin = join(consumer, 'node_modules/.bin');
    expect(run(join(bin, 'x-graphql-gateway'), ['--version'])).toBe(`${PKG.version}\n`);
    expect(run(join(bin, 'x-api-emulator'), ['--help'])).toMatch(/^Usage: x-api-emulator/);
    const gateway = spawn(join(bin, 'x-graphql-gateway'), ['--port', '0', '--host', '127.0.0.1'], {
      cwd: consumer,
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const url = await new Promise<string>((found, failed) => {
        let text = '';
        gateway.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          text += chunk;
          const match = /"url":"([^"]+)"/.exec(text);
          if (match?.[1]) found(match[1]);
        });
        gateway.once('exit', (code) => failed(new Error(`x-graphql-gateway exited (${code}): ${text}`)));
      });
      // GraphiQL's example tabs are read from the package's documents/ at start.
      const page = await (await fetch(url, { headers: { accept: 'text/html' } })).text();
      expect(page.includes('query FollowersWithPinnedTweets')).toBe(true);
      const answer = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ user(restId: "2244994945") { username } }' }),
      });
      expect(await answer.json()).toMatchObject({ data: { user: { username: 'TwitterDev' } } });
    } finally {
      gateway.kill('SIGTERM');
    }
  }, 60_000);
});
