import { describe, expect, it } from 'vitest';
import { bodyOf, runVariablesMemory } from './variables-memory.ts';

/** The short form of `npm run hostile` (which sends 1,000 requests and checks resident memory). */
describe('runVariablesMemory', () => {
  it('builds bodies of exactly the size asked, each with its own undeclared variable', () => {
    const first = bodyOf(1, 130_560);
    const second = bodyOf(2, 130_560);
    expect(Buffer.byteLength(first)).toBe(130_560);
    expect(Buffer.byteLength(second)).toBe(130_560);
    expect(Object.keys(JSON.parse(first).variables)).toEqual(['id', 'unused1']);
    expect(Object.keys(JSON.parse(second).variables)).toEqual(['id', 'unused2']);
  });

  it('answers every near-limit request with 200 and no errors', async () => {
    const report = await runVariablesMemory({ requests: 20, warmUp: 2, concurrency: 2 });
    expect(report.statuses).toEqual({ 200: 20 });
    expect(report.answersWithErrors).toBe(0);
    expect(report.bodyBytes).toBe(131_072 - 512);
  });
});
