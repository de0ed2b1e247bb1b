import { describe, expect, it } from 'vitest';
import { EmulatorEnvError, parseEmulatorEnv } from '../../src/emulator/emulator-env.ts';

describe('parseEmulatorEnv', () => {
  it('applies the defaults when nothing is set', () => {
    expect(parseEmulatorEnv({})).toEqual({
      port: 4010,
      host: '127.0.0.1',
      rateLimit: 15,
      seed: 42,
      previousToken: 'boundary',
      shortPages: 0,
    });
  });

  it('reads every variable', () => {
    expect(
      parseEmulatorEnv({
        EMULATOR_PORT: '0',
        HOST: '0.0.0.0',
        EMULATOR_RATE_LIMIT: 'OFF',
        EMULATOR_SEED: '7',
        EMULATOR_PREVIOUS_TOKEN: 'same-size',
        EMULATOR_SHORT_PAGES: '0.25',
      }),
    ).toEqual({
      port: 0,
      host: '0.0.0.0',
      rateLimit: 'off',
      seed: 7,
      previousToken: 'same-size',
      shortPages: 0.25,
    });
    expect(parseEmulatorEnv({ EMULATOR_RATE_LIMIT: '300' }).rateLimit).toBe(300);
  });

  it('refuses an empty or blank value, naming the variable', () => {
    expect(() => parseEmulatorEnv({ EMULATOR_PORT: '' })).toThrow(
      new EmulatorEnvError('EMULATOR_PORT is set but empty: give a value, or unset it for the default'),
    );
    expect(() => parseEmulatorEnv({ HOST: '  ' })).toThrow(/^HOST is set but empty/);
  });

  it('names the variable and the expected form of a bad value', () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ EMULATOR_PORT: 'abc' }, 'EMULATOR_PORT must be an integer from 0 to 65535, got "abc"'],
      [{ EMULATOR_PORT: '65536' }, 'EMULATOR_PORT must be an integer from 0 to 65535, got "65536"'],
      [{ EMULATOR_RATE_LIMIT: '0' }, `EMULATOR_RATE_LIMIT must be a positive integer or 'off', got "0"`],
      [
        { EMULATOR_RATE_LIMIT: 'lots' },
        `EMULATOR_RATE_LIMIT must be a positive integer or 'off', got "lots"`,
      ],
      [{ EMULATOR_SEED: '-1' }, 'EMULATOR_SEED must be an integer from 0 to 2147483647, got "-1"'],
      [{ HOST: 'a b' }, 'HOST must be a host name or IP address, got "a b"'],
      [
        { EMULATOR_PREVIOUS_TOKEN: 'aligned' },
        `EMULATOR_PREVIOUS_TOKEN must be 'boundary' or 'same-size', got "aligned"`,
      ],
      [
        { EMULATOR_SHORT_PAGES: '1' },
        'EMULATOR_SHORT_PAGES must be a number from 0 up to (not including) 1, got "1"',
      ],
      [
        { EMULATOR_SHORT_PAGES: '25%' },
        'EMULATOR_SHORT_PAGES must be a number from 0 up to (not including) 1, got "25%"',
      ],
    ];
    for (const [env, message] of cases) {
      expect(() => parseEmulatorEnv(env)).toThrow(EmulatorEnvError);
      expect(() => parseEmulatorEnv(env)).toThrow(message);
    }
  });
});
