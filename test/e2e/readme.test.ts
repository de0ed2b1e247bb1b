import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '../../src/config.ts';
import { startTestGateway, type TestGateway } from '../fixtures/server-gateway.ts';

/**
 * The README and the pages of `docs/` stay true: their operations are the files of `documents/`, the
 * configuration table lists every variable `src/config.ts` reads, the example answers and X calls are what
 * the gateway answers and calls now, serving from the embedded emulator, and every relative link leads to
 * a file (and heading) that exists.
 */

const ROOT = resolve(import.meta.dirname, '../..');
/** Reads a file of the repository. */
const read = (path: string) => readFileSync(resolve(ROOT, path), 'utf8');
const README = read('README.md');
const EXAMPLES = read('docs/examples.md');
/** The README and every page of `docs/`, by path. */
const PAGES = [
  'README.md',
  ...readdirSync(resolve(ROOT, 'docs'))
    .filter((file) => file.endsWith('.md'))
    .map((file) => `docs/${file}`),
];

/** The contents of a Markdown text's fenced blocks of one language (`''` for plain blocks). */
function blocks(language: string, markdown: string = README): string[] {
  const found: string[] = [];
  let open: { language: string; lines: string[] } | undefined;
  for (const line of markdown.split('\n')) {
    if (!open && line.startsWith('```')) open = { language: line.slice(3).trim(), lines: [] };
    else if (open && line === '```') {
      if (open.language === language) found.push(`${open.lines.join('\n')}\n`);
      open = undefined;
    } else open?.lines.push(line);
  }
  return found;
}

/** A Markdown text without its fenced blocks. */
function withoutBlocks(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```$/gm, '');
}

/** A Markdown text without its fenced blocks and inline code. */
function prose(markdown: string): string {
  return withoutBlocks(markdown).replace(/`[^`\n]*`/g, '');
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a Markdown file's headings. */
function anchors(markdown: string): string[] {
  return [...withoutBlocks(markdown).matchAll(/^#{1,6} (.+)$/gm)].map((match) => slug(match[1] ?? ''));
}

/** The part of an answer the pagination reads. */
interface FollowersAnswer {
  data?: { user?: { followers?: { pageInfo?: { endCursor?: string } } } };
}

/** Reads one operation of `documents/`. */
function document(file: string): string {
  return read(`documents/${file}`);
}

describe('README', () => {
  it('shows every operation of documents/ as written there, itself or in docs/examples.md', () => {
    const files = readdirSync(resolve(ROOT, 'documents')).filter((file) => file.endsWith('.graphql'));
    expect(files.length).toBeGreaterThan(0);
    const shown = [...blocks('graphql'), ...blocks('graphql', EXAMPLES)];
    for (const file of files) expect(shown).toContain(document(file));
    expect(blocks('graphql')).toHaveLength(1);
    for (const file of files) expect(blocks('graphql', EXAMPLES)).toContain(document(file));
  });

  it('lists every configuration variable in the table of docs/configuration.md', () => {
    const table = [...read('docs/configuration.md').matchAll(/^\| `([A-Z0-9_]+)` +\|/gm)].map(
      (match) => match[1],
    );
    expect(table).toEqual([...CONFIG_VARIABLES]);
  });

  it('links, with the pages of docs/, only to files and headings that exist', () => {
    for (const page of PAGES) {
      const links = [...prose(read(page)).matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? '');
      for (const link of links.filter((target) => !/^[a-z]+:/.test(target))) {
        const [path = '', anchor] = link.split('#');
        const target = path === '' ? resolve(ROOT, page) : resolve(ROOT, dirname(page), path);
        expect(existsSync(target), `${page} links to ${link}`).toBe(true);
        expect(relative(ROOT, target).startsWith('..'), `${page} links outside: ${link}`).toBe(false);
        if (anchor !== undefined && statSync(target).isFile() && target.endsWith('.md'))
          expect(anchors(readFileSync(target, 'utf8')), `${page} links to ${link}`).toContain(anchor);
      }
    }
    expect(README).toContain('](docs/architecture.md)');
    for (const page of PAGES.filter((path) => path.startsWith('docs/')))
      expect(README, `the README links to ${page}`).toContain(`](${page})`);
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

  it('draws the request path in Mermaid and stays within about 200 lines', () => {
    expect(blocks('mermaid')).toHaveLength(1);
    expect(blocks('mermaid')[0]).toMatch(/^flowchart/);
    expect(README.split('\n').length).toBeLessThanOrEqual(210);
  });

  describe('example answers', () => {
    let gateway: TestGateway;
    /** The JSON blocks of a page that are whole answers (fragments are skipped). */
    const answersOf = (markdown: string) =>
      blocks('json', markdown).flatMap((text) => {
        try {
          return [JSON.parse(text) as unknown];
        } catch {
          return [];
        }
      });
    const answers = answersOf(EXAMPLES);
    const calls = blocks('', EXAMPLES);

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

    it('are what the gateway answers and calls now, in the README and in docs/examples.md', async () => {
      const first = await run('followers-with-pinned-tweets.graphql', { first: 3 });
      expect(answersOf(README)).toEqual([first.answer]);
      expect(blocks('')).toEqual([first.made]);
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
