import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type GatewayProcess, listeningUrl, spawnGateway } from '../fixtures/server-process.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const VERSION = (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;

let running: GatewayProcess | undefined;
afterEach(() => {
  running?.stop();
  running = undefined;
});

/** Runs the command line `npm start` runs (`dist/cli/gateway.js`) with `args` over `env`. */
function gateway(args: string[], env: Record<string, string> = {}): GatewayProcess {
  running = spawnGateway(env, args);
  return running;
}

describe('x-graphql-gateway', () => {
  it('prints its help and exits 0 without serving', async () => {
    const cli = gateway(['--help']);
    expect(await cli.exited).toEqual({ code: 0, signal: null });
    const text = cli.output();
    expect(text).toMatch(/^Usage: x-graphql-gateway \[options\]/);
    for (const flag of ['--port <port>', '--host <host>', '--upstream <url>', '--log-level <level>']) {
      expect(text).toContain(flag);
    }
    expect(text).not.toContain('listening on');
  }, 60_000);

  it('prints the package version and exits 0', async () => {
    const cli = gateway(['--version']);
    expect(await cli.exited).toEqual({ code: 0, signal: null });
    expect(cli.output()).toBe(`${VERSION}\n`);
  }, 60_000);

  it.each([
    [['--bogus'], 'x-graphql-gateway: unknown option "--bogus" (see x-graphql-gateway --help)\n'],
    [
      ['--port='],
      'x-graphql-gateway: --port must not be empty: --port <port> (see x-graphql-gateway --help)\n',
    ],
    [
      ['--port', 'abc'],
      'x-graphql-gateway: --port must be an integer port from 0 to 65535 (got "abc") (see x-graphql-gateway --help)\n',
    ],
  ])(
    'refuses %j with one line on stderr and exit code 2',
    async (args, line) => {
      const cli = gateway(args);
      expect(await cli.exited).toEqual({ code: 2, signal: null });
      expect(cli.stderr()).toBe(line);
      expect(cli.lines).toEqual([]);
    },
    60_000,
  );

  it('refuses an empty PORT in the environment with one line and exit code 1', async () => {
    const cli = gateway([], { PORT: '' });
    expect(await cli.exited).toEqual({ code: 1, signal: null });
    expect(cli.stderr()).toBe(
      'Invalid environment: PORT is set but empty: it must be an integer port from 0 to 65535, or unset for the default\n',
    );
  }, 60_000);

  it('serves on the port and log level of its flags over those of the environment', async () => {
    // The environment alone would stop it (a bad PORT) and silence it (LOG_LEVEL=silent): the flags win.
    const cli = gateway(['--port', '0', '--host', '127.0.0.1', '--log-level', 'info'], {
      PORT: 'abc',
      LOG_LEVEL: 'silent',
    });
    const { graphql } = await listeningUrl(cli);
    const response = await fetch(graphql, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ user(username: "TwitterDev") { restId } }' }),
    });
    expect(await response.json()).toMatchObject({ data: { user: { restId: '2244994945' } } });
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toEqual({ code: 0, signal: null });
  }, 60_000);
});
