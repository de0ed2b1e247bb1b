import { describe, expect, it } from 'vitest';
import { type FlagSpec, helpText, parseCommandLine, UsageError } from '../../src/cli/parse-flags.ts';

const SPECS: readonly FlagSpec[] = [
  { flag: '--port', variable: 'PORT', value: '<port>', description: 'port; default 4000' },
  { flag: '--log-level', variable: 'LOG_LEVEL', value: '<level>', description: 'level; default info' },
];

describe('parseCommandLine', () => {
  it('reads --flag value and --flag=value as the flags’ variables', () => {
    expect(parseCommandLine(['--port', '5000', '--log-level=debug'], SPECS)).toEqual({
      kind: 'run',
      overrides: { PORT: '5000', LOG_LEVEL: 'debug' },
    });
    expect(parseCommandLine([], SPECS)).toEqual({ kind: 'run', overrides: {} });
  });

  it('takes the last value of a flag given twice', () => {
    expect(parseCommandLine(['--port', '1', '--port=2'], SPECS)).toEqual({
      kind: 'run',
      overrides: { PORT: '2' },
    });
  });

  it('answers --help and --version (and -h, -v) before anything else', () => {
    expect(parseCommandLine(['--help', '--bogus'], SPECS)).toEqual({ kind: 'help' });
    expect(parseCommandLine(['-h'], SPECS)).toEqual({ kind: 'help' });
    expect(parseCommandLine(['--version'], SPECS)).toEqual({ kind: 'version' });
    expect(parseCommandLine(['-v'], SPECS)).toEqual({ kind: 'version' });
  });

  it.each([
    [['--bogus'], 'unknown option "--bogus"'],
    [['--bogus=1'], 'unknown option "--bogus"'],
    [['-p', '1'], 'unknown option "-p"'],
    [['serve'], 'unexpected argument "serve"'],
    [['--port'], '--port needs a value: --port <port>'],
    [['--port', '--log-level', 'info'], '--port needs a value: --port <port>'],
    [['--port='], '--port must not be empty: --port <port>'],
    [['--port', ''], '--port must not be empty: --port <port>'],
    [['--log-level', '  '], '--log-level must not be empty: --log-level <level>'],
  ])('refuses %j with one line', (argv, message) => {
    expect(() => parseCommandLine(argv, SPECS)).toThrow(new UsageError(message));
  });
});

describe('helpText', () => {
  it('lists every flag with its variable, and the precedence', () => {
    const text = helpText('cmd', 'Does things.', SPECS);
    expect(text).toMatch(/^Usage: cmd \[options\]\n\nDoes things\.\n/);
    expect(text).toContain('  --port <port>        port; default 4000 (PORT)\n');
    expect(text).toContain('  --log-level <level>  level; default info (LOG_LEVEL)\n');
    expect(text).toContain('-h, --help');
    expect(text).toContain('-v, --version');
    expect(text).toContain('A flag wins over its environment variable, which wins over the default.');
  });
});
