import { describe, expect, it } from 'vitest';
import { gatewayCommand } from '../../src/cli/gateway-command.ts';
import { UsageError } from '../../src/cli/parse-flags.ts';
import { loadConfig } from '../../src/config.ts';

/** The configuration a command line starts with, over `env`. */
function configOf(argv: string[], env: Record<string, string> = {}) {
  const command = gatewayCommand(argv, env);
  if (command.kind !== 'run') throw new Error(`expected a run, got ${command.kind}`);
  return loadConfig(command.env);
}

describe('gatewayCommand', () => {
  it('takes the defaults with neither flags nor variables', () => {
    expect(configOf([])).toMatchObject({ port: 4000, host: '0.0.0.0', logLevel: 'info', mode: 'emulator' });
  });

  it('takes a variable over the default, and a flag over the variable', () => {
    const env = { PORT: '5000', HOST: '127.0.0.1', X_API_BASE_URL: 'http://a.test', LOG_LEVEL: 'warn' };
    expect(configOf([], env)).toMatchObject({
      port: 5000,
      host: '127.0.0.1',
      xApiBaseUrl: 'http://a.test',
      logLevel: 'warn',
    });
    expect(
      configOf(
        ['--port', '6000', '--host=::1', '--upstream', 'https://b.test/', '--log-level', 'debug'],
        env,
      ),
    ).toMatchObject({ port: 6000, host: '::1', xApiBaseUrl: 'https://b.test', logLevel: 'debug', mode: 'x' });
  });

  it('lets a flag stand in for a bad variable of its own', () => {
    expect(configOf(['--port', '0'], { PORT: 'abc' }).port).toBe(0);
  });

  it('keeps the other variables of the environment', () => {
    expect(configOf(['--port', '0'], { X_MAX_RETRIES: '5' }).maxRetries).toBe(5);
  });

  it.each([
    [['--port', 'abc'], '--port must be an integer port from 0 to 65535 (got "abc")'],
    [['--port', '70000'], '--port must be an integer port from 0 to 65535 (got "70000")'],
    [
      ['--upstream', 'ftp://x.test'],
      '--upstream must be an http:// or https:// URL without query or fragment (got "ftp://x.test")',
    ],
    [['--log-level', 'loud'], '--log-level must be one of debug, info, warn, error, silent (got "loud")'],
  ])('refuses %j naming the flag and the expected form', (argv, message) => {
    expect(() => gatewayCommand(argv, {})).toThrow(new UsageError(message));
  });

  it('never echoes the password of an --upstream URL', () => {
    expect(() => gatewayCommand(['--upstream', 'ftp://user:hunter2@x.test'], {})).toThrow(
      /^(?!.*hunter2).*--upstream must be/,
    );
  });
});
