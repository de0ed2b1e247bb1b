import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_APP_TOKEN } from '../../src/emulator/start-emulator.ts';
import { startTestGateway, type TestGateway } from '../fixtures/server-gateway.ts';

/**
 * Every TypeScript block of the README and of `docs/` is a whole program: written to a file inside the
 * package (so `x-graphql-gateway` resolves to `src/index.ts` through the package's own `exports`), run
 * with tsx in a child process against a gateway serving from the embedded emulator, it prints the
 * `text` block that follows it on its page.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/** One TypeScript block of a page and the output its page shows. */
interface Snippet {
  readonly page: string;
  readonly index: number;
  readonly code: string;
  readonly prints: string | undefined;
}

/** The TypeScript blocks of a page, each with the `text` block that follows it, if any. */
function snippetsOf(page: string): Snippet[] {
  const fenced: { language: string; text: string }[] = [];
  let open: { language: string; lines: string[] } | undefined;
  for (const line of readFileSync(resolve(ROOT, page), 'utf8').split('\n')) {
    if (!open && line.startsWith('```')) open = { language: line.slice(3).trim(), lines: [] };
    else if (open && line === '```') {
      fenced.push({ language: open.language, text: `${open.lines.join('\n')}\n` });
      open = undefined;
    } else open?.lines.push(line);
  }
  return fenced.flatMap((block, position) => {
    if (block.language !== 'ts' && block.language !== 'typescript') return [];
    const next = fenced[position + 1];
    const prints = next?.language === 'text' ? next.text : undefined;
    return [{ page, index: position, code: block.text, prints }];
  });
}

const PAGES = [
  'README.md',
  ...readdirSync(resolve(ROOT, 'docs'))
    .filter((file) => file.endsWith('.md'))
    .map((file) => `docs/${file}`),
];
const SNIPPETS = PAGES.flatMap(snippetsOf);
// Inside the package, so its self-reference `x-graphql-gateway` resolves; `dist/` is git-ignored.
const DIRECTORY = resolve(ROOT, `dist/doc-snippets-${process.pid}`);

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway({ EMULATOR_RATE_LIMIT: 'off' });
  mkdirSync(DIRECTORY, { recursive: true });
});
afterAll(async () => {
  await gateway.close();
  rmSync(DIRECTORY, { recursive: true, force: true });
});

describe('documentation programs', () => {
  it('are found, each followed by what it prints', () => {
    expect(SNIPPETS.length).toBeGreaterThanOrEqual(3);
    for (const snippet of SNIPPETS)
      expect(snippet.prints, `${snippet.page}, block ${snippet.index}`).toBeDefined();
  });

  it.each(SNIPPETS.map((snippet) => [`${snippet.page}, block ${snippet.index}`, snippet] as const))(
    'runs %s as written and prints what the page says',
    async (_name, snippet) => {
      const file = resolve(DIRECTORY, `${snippet.page.replace(/[/.]/g, '-')}-${snippet.index}.ts`);
      writeFileSync(file, snippet.code);
      const { stdout } = await run(process.execPath, ['--import', 'tsx', file], {
        cwd: ROOT,
        timeout: 60_000,
        env: {
          ...process.env,
          GATEWAY_URL: gateway.url,
          X_API_BASE_URL: gateway.emulator?.url ?? '',
          X_BEARER_TOKEN: DEFAULT_APP_TOKEN,
        },
      });
      expect(stdout).toBe(snippet.prints);
    },
    60_000,
  );
});
