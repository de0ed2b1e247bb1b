import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPersistedOperations } from '../src/persisted-operations-file.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'persisted-file-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('loadPersistedOperations', () => {
  it('reads the ids and texts of the file, a sha256 id also without its prefix', () => {
    const file = join(dir, 'operations.json');
    writeFileSync(file, JSON.stringify({ 'sha256:ab12': '{ a }', other: '{ b }' }));
    const operations = loadPersistedOperations(file);
    expect([...operations.byId]).toEqual([
      ['sha256:ab12', '{ a }'],
      ['ab12', '{ a }'],
      ['other', '{ b }'],
    ]);
    expect([...operations.texts]).toEqual(['{ a }', '{ b }']);
  });

  it('names the variable and the expected form for a bad file', () => {
    const bad = join(dir, 'bad.json');
    for (const content of ['not json', '["{ a }"]', '{"a": 3}']) {
      writeFileSync(bad, content);
      expect(() => loadPersistedOperations(bad)).toThrow(/^X_PERSISTED_OPERATIONS: /);
    }
  });
});
