import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '../../src/config.ts';
import { startTestGateway, type TestGateway } from '../fixtures/server-gateway.ts';

/**
 * The README stays true: its operations are the files of `documents/`, its configuration table lists
 * every variable `src/config.ts` reads, and its example answers and X calls are what the gateway answers
 * and calls now, serving from the embedded emulator.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const README = readFileSync(resolve(ROOT, 'README.md'), 'utf8');

/** The contents of the README's fenced blocks of one language (`''` for plain blocks). */
function blocks(language: string): string[] {
  const found: string[] = [];
  let open: { language: string; lines: string[] } | undefined;
  for (const line of README.split('\n')) {
    if (!open && line.startsWith('```')) open = { language: line.slice(3).trim(), lines: [] };
    else if (open && line === '```') {
      if (open.language === language) found.push(`${open.lines.join('\n')}\n`);
      open = undefined;
    } else open?.lines.push(line);
  }
  return found;
}

/** The part of an answer the pagination reads. */
interface FollowersAnswer {
  data?: { user?: { followers?: { pageInfo?: { endCursor?: string } } } };
}

/** Reads one operation of `documents/`. */
function document(file: string): string {
  return readFileSync(resolve(ROOT, 'documents', file), 'utf8');
}

describe('README', () => {
  it('shows every operation of documents/ as written there', () => {
    const files = readdirSync(resolve(ROOT, 'documents')).filter((file) => file.endsWith('.graphql'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(blocks('graphql')).toContain(document(file));
  });

  it('lists every configuration variable in its table', () => {
    const section = README.slice(README.indexOf('## Configuration'), README.indexOf('## Running against'));
    const table = [...section.matchAll(/^\| `([A-Z0-9_]+)` +\|/gm)].map((match) => match[1]);
    expect(table).toEqual([...CONFIG_VARIABLES]);
  });

  it('gives the two commands, and npm start builds for itself with a tool npm ci installs', () => {
    expect(README).toContain('```sh\nnpm ci\nnpm start\n```');
    const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.prestart).toBe('node scripts/build.mjs');
    expect(pkg.scripts.start).toMatch(/^exec node .*scripts\/node-flags\.json.* dist\/cli\/gateway\.js$/);
    // `npm ci` installs devDependencies too; a consumer of the package never needs the bundler.
    expect(Object.keys(pkg.devDependencies)).toContain('esbuild');
    expect(Object.keys(pkg.dependencies)).not.toContain('esbuild');
  });

  it('draws the request path in Mermaid', () => {
    expect(blocks('mermaid')).toHaveLength(1);
    expect(blocks('mermaid')[0]).toMatch(/^flowchart/);
  });

  describe('example answers', () => {
    let gateway: TestGateway;
    // JSON blocks that are whole answers (fragments elsewhere in the README are skipped).
    const answers = blocks('json').flatMap((text) => {
      try {
        return [JSON.parse(text) as unknown];
      } catch {
        return [];
      }
    });
    const calls = blocks('');

    /** Runs one document, returning its answer and the X calls it made, as the README writes them. */
    async function run(
      file: string,
      variables: Record<string, unknown> = {},
      headers: Record<string, string> = {},
    ) {
      const emulator = gateway.emulator;
      if (!emulator) throw new Error('the test gateway serves from the emulator');
      emulator.clearRequests();
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: document(file), variables }),
      });
      const { extensions, ...answer } = (await response.json()) as FollowersAnswer & { extensions?: unknown };
      const made = emulator.requests.map((entry) => {
        const query = Object.entries(entry.query)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([key, value]) => `${key}=${value}`)
          .join('&');
        return `GET ${entry.path}${query ? `?${query}` : ''}`;
      });
      return { answer, extensions, made: made.length > 0 ? `${made.join('\n')}\n` : '' };
    }

    beforeAll(async () => {
      gateway = await startTestGateway();
    });
    afterAll(async () => {
      await gateway.close();
    });

    it('are what the gateway answers and calls now', async () => {
      const first = await run('followers-with-pinned-tweets.graphql', { first: 3 });
      expect(answers).toContainEqual(first.answer);
      expect(calls).toContain(first.made);
      // The cost extension, with the time-dependent reset instants blanked on both sides.
      const blankResets = (value: unknown) =>
        JSON.parse(JSON.stringify(value).replace(/"resetAt":"[^"]*"/g, '"resetAt":""'));
      expect(answers.map(blankResets)).toContainEqual(blankResets(first.extensions));
      const after = first.answer.data?.user?.followers?.pageInfo?.endCursor;
      const second = await run('followers-with-pinned-tweets.graphql', { first: 3, after });
      expect(answers).toContainEqual(second.answer);
      expect(calls).toContain(second.made);
      for (const file of ['user-by-username.graphql', 'users-by-rest-ids.graphql']) {
        const { answer, made } = await run(file);
        expect(answers).toContainEqual(answer);
        expect(calls).toContain(made);
      }
      const node = await run('node-by-id.graphql', { id: 'VXNlcjoyMjQ0OTk0OTQ1' });
      expect(answers).toContainEqual(node.answer);
      expect(answers).toContainEqual((await run('viewer.graphql')).answer);
      const token = gateway.emulator?.issueUserToken('2244994945') ?? '';
      const viewer = await run('viewer.graphql', {}, { authorization: `Bearer ${token}` });
      expect(answers).toContainEqual(viewer.answer);
    });
  });
});
