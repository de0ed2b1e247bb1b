import { describe, expect, it } from 'vitest';
import { cpuTicksOf, loadAbOptions, median } from '../../bench/ab-options.ts';
import { BenchConfigError } from '../../bench/config.ts';

describe('loadAbOptions', () => {
  it('reads builds with their extra Node flags, the floor switch and the defaults', () => {
    expect(
      loadAbOptions(['before=/tmp/ab/before', 'semi8=/tmp/ab/after@--max-semi-space-size=8', '--floor'], {}),
    ).toEqual({
      variants: [
        { name: 'before', dir: '/tmp/ab/before', nodeFlags: [] },
        { name: 'semi8', dir: '/tmp/ab/after', nodeFlags: ['--max-semi-space-size=8'] },
      ],
      floor: true,
      size: 1000,
      concurrency: 1,
      rounds: 6,
      seconds: 2,
      warmupS: 3,
    });
  });

  it('reads the measurement from the environment', () => {
    const options = loadAbOptions(['a=dist'], {
      AB_SIZE: '10',
      AB_CONCURRENCY: '16',
      AB_ROUNDS: '8',
      AB_SECONDS: '0.5',
      AB_WARMUP_S: '1',
    });
    expect(options).toMatchObject({
      size: 10,
      concurrency: 16,
      rounds: 8,
      seconds: 0.5,
      warmupS: 1,
      floor: false,
    });
  });

  it('refuses no build, a malformed one, a name given twice or taken by the floor, and bad numbers', () => {
    const refused = (args: string[], env: Record<string, string> = {}) => {
      try {
        loadAbOptions(args, env);
      } catch (error) {
        expect(error).toBeInstanceOf(BenchConfigError);
        return (error as Error).message;
      }
      throw new Error(`accepted ${args.join(' ')}`);
    };
    expect(refused([])).toMatch(/at least one build/);
    expect(refused(['dist'])).toMatch(/"dist" is not <name>=<build dir>/);
    expect(refused(['a='])).toMatch(/"a=" is not/);
    expect(refused(['a b=dist'])).toMatch(/is not <name>=<build dir>/);
    expect(refused(['a=dist@-O'])).toMatch(/"-O" in "a=dist@-O" is not a Node flag/);
    expect(refused(['a=dist', 'a=other'])).toMatch(/the name "a" is taken/);
    expect(refused(['floor=dist'])).toMatch(/the name "floor" is taken/);
    expect(refused(['a=dist'], { AB_SIZE: '1001' })).toMatch(
      /AB_SIZE must be an integer from 1 to 1000 \(got "1001"\)/,
    );
    expect(refused(['a=dist'], { AB_ROUNDS: '2.5' })).toMatch(/AB_ROUNDS must be an integer/);
    expect(refused(['a=dist'], { AB_SECONDS: '0' })).toMatch(
      /AB_SECONDS must be a number of seconds above 0/,
    );
  });
});

describe('cpuTicksOf', () => {
  it('adds user and system time, whatever the command name holds', () => {
    const stat = (comm: string) =>
      `4242 (${comm}) S 1 4242 4242 0 -1 4194560 1200 0 3 0 1234 567 0 0 20 0 11 0 99 1000 2000 18446744073709551615`;
    expect(cpuTicksOf(stat('node'))).toBe(1801);
    expect(cpuTicksOf(stat('odd) name (x'))).toBe(1801);
    expect(() => cpuTicksOf('garbage')).toThrow(/not a \/proc/);
  });
});

describe('median', () => {
  it('takes the middle value, the upper one of an even count, and NaN of none', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(3);
    expect(median([])).toBeNaN();
  });
});
