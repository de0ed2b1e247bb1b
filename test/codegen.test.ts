import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { buildSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import config, { printGatewaySchema } from '../codegen.ts';

const ROOT = resolve(import.meta.dirname, '..');

/** What `npm run codegen` would write now, by file name relative to the repository. */
async function generatedNow(): Promise<Map<string, string>> {
  const outputs = await generate({ ...config, cwd: ROOT, silent: true, verbose: false }, false);
  return new Map(
    (outputs as { filename: string; content: string }[]).map((output) => [
      resolve(ROOT, output.filename),
      output.content,
    ]),
  );
}

describe('codegen', () => {
  it('writes schema.graphql, subgraph.graphql and the typed documents', async () => {
    const outputs = await generatedNow();
    expect([...outputs.keys()].sort()).toEqual([
      resolve(ROOT, 'schema.graphql'),
      resolve(ROOT, 'src/generated/operations.ts'),
      resolve(ROOT, 'subgraph.graphql'),
    ]);
  });

  it('has a committed schema.graphql and typed documents that match the schema (else run `npm run codegen`)', async () => {
    const outputs = await generatedNow();
    for (const [file, content] of outputs) {
      const committed = readFileSync(file, 'utf8');
      if (committed !== content) {
        expect.fail(`${file} is stale: run \`npm run codegen\` and commit the result`);
      }
    }
  });

  it('commits the same schema the server executes', () => {
    const committed = buildSchema(readFileSync(resolve(ROOT, 'schema.graphql'), 'utf8'));
    expect(printSchema(lexicographicSortSchema(committed))).toBe(printGatewaySchema());
  });
});
