#!/usr/bin/env node
/**
 * `x-graphql-gateway` (and `npm start`): the gateway. `--help` and `--version` print and exit; the flags
 * of `GATEWAY_FLAGS` override their environment variables; a bad command line stops with one line and
 * exit code 2, a bad environment with one line and exit code 1.
 */
import packageJson from '../../package.json' with { type: 'json' };
import { maskUrlUserinfo } from '../observability/redact.ts';
import { runGateway } from '../server.ts';
import { GATEWAY_FLAGS, gatewayCommand } from './gateway-command.ts';
import { helpText, UsageError } from './parse-flags.ts';

const COMMAND = 'x-graphql-gateway';

/** Follows the command line: help, version, or the gateway started and wired to signals. */
async function main(): Promise<void> {
  const command = gatewayCommand(process.argv.slice(2), process.env);
  if (command.kind === 'help') {
    process.stdout.write(
      helpText(
        COMMAND,
        'A GraphQL gateway over the X API v2. With no X credentials and no upstream, it serves from an\n' +
          'embedded X API v2 emulator. GraphQL (and GraphiQL in a browser) at http://<host>:<port>/graphql.',
        GATEWAY_FLAGS,
      ),
    );
    return;
  }
  if (command.kind === 'version') {
    process.stdout.write(`${packageJson.version}\n`);
    return;
  }
  await runGateway(command.env);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`${COMMAND}: ${maskUrlUserinfo(error.message)} (see ${COMMAND} --help)\n`);
    process.exit(2);
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`gateway failed to start: ${maskUrlUserinfo(message)}\n`);
  process.exit(1);
});
