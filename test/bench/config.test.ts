import { describe, expect, it } from 'vitest';
import { BenchConfigError, loadBenchConfig } from '../../bench/config.ts';
import { concat, rotate } from '../../bench/measure.ts';

describe('loadBenchConfig', () => {
  it('defaults to every arm at 10, 100 and 1000 followers and concurrency 1, 16 and 64', () => {
    expect(loadBenchConfig({})).toEqual({
      sizes: [10, 100, 1000],
      concurrencies: [1, 16, 64],
      tokens: ['distinct', 'shared'],
      upstream: 'replay',
      durationS: 4,
      warmupS: 1,
      slices: 4,
      arms: ['floor', 'yoga-floor', 'gateway', 'gateway-warm', 'mesh'],
      cpuProfArm: undefined,
      outDir: 'bench/results',
    });
  });

  it('reads shortened runs from the environment, arms in report order', () => {
    const config = loadBenchConfig({
      BENCH_SIZES: '1000, 10',
      BENCH_DURATION_S: '0.5',
      BENCH_ARMS: 'mesh,floor',
      BENCH_CPU_PROF: 'mesh',
      BENCH_SLICES: '2',
    });
    expect(config).toMatchObject({
      sizes: [10, 1000],
      durationS: 0.5,
      slices: 2,
      arms: ['floor', 'mesh'],
      cpuProfArm: 'mesh',
    });
  });

  it('reads the token modes and the upstream, and refuses distinct tokens on the emulator', () => {
    expect(loadBenchConfig({ BENCH_TOKENS: 'shared', BENCH_UPSTREAM: 'emulator' })).toMatchObject({
      tokens: ['shared'],
      upstream: 'emulator',
    });
    expect(loadBenchConfig({ BENCH_TOKENS: 'shared,distinct' }).tokens).toEqual(['distinct', 'shared']);
    expect(() => loadBenchConfig({ BENCH_UPSTREAM: 'emulator' })).toThrow(
      /BENCH_TOKENS=distinct needs BENCH_UPSTREAM=replay/,
    );
    expect(() => loadBenchConfig({ BENCH_TOKENS: 'unique' })).toThrow(
      'BENCH_TOKENS must name among distinct, shared (comma-separated); got "unique".',
    );
    expect(() => loadBenchConfig({ BENCH_UPSTREAM: 'replay,emulator', BENCH_TOKENS: 'shared' })).toThrow(
      'BENCH_UPSTREAM must name one upstream.',
    );
  });

  it('names the variable and the expected form of a bad value', () => {
    expect(() => loadBenchConfig({ BENCH_SIZES: '10,2000' })).toThrow(
      /BENCH_SIZES must be .* from 1 to 1000/,
    );
    expect(() => loadBenchConfig({ BENCH_DURATION_S: 'soon' })).toThrow(BenchConfigError);
    expect(() => loadBenchConfig({ BENCH_ARMS: 'gateway,apollo' })).toThrow(/BENCH_ARMS must name arms/);
    expect(() => loadBenchConfig({ BENCH_ARMS: 'gateway' })).toThrow(/must include floor/);
    expect(() => loadBenchConfig({ BENCH_CONCURRENCY: '16' })).toThrow(/must include 1/);
    expect(() => loadBenchConfig({ BENCH_CPU_PROF: 'all' })).toThrow(/BENCH_CPU_PROF/);
    expect(() => loadBenchConfig({ BENCH_SLICES: '0' })).toThrow(/BENCH_SLICES must be an integer from 1/);
    expect(() => loadBenchConfig({ BENCH_SLICES: '2.5' })).toThrow(/BENCH_SLICES/);
  });
});

describe('rotate', () => {
  it('starts each run of arms one place further along', () => {
    expect(rotate(['a', 'b', 'c'], 0)).toEqual(['a', 'b', 'c']);
    expect(rotate(['a', 'b', 'c'], 4)).toEqual(['b', 'c', 'a']);
    expect(rotate([], 3)).toEqual([]);
  });
});

describe('concat', () => {
  it('pools the latencies of several slices in order', () => {
    const pooled = concat([Float64Array.of(1, 2), Float64Array.of(), Float64Array.of(3)]);
    expect([...pooled]).toEqual([1, 2, 3]);
    expect(concat([]).length).toBe(0);
  });
});
