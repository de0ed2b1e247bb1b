#!/usr/bin/env node
/**
 * `x-api-emulator` (and `npm run emulator`): the X API v2 emulator alone. `--help` and `--version` print
 * and exit; the flags of `EMULATOR_FLAGS` override their environment variables; a bad command line stops
 * with one line and exit code 2, a bad environment with one line and exit code 1.
 */
import packageJson from '../../package.json' with { type: 'json' };
import { runEmulator } from '../emulator/main.ts';
import { EMULATOR_FLAGS, emulatorCommand } from './emulator-command.ts';
import { helpText, UsageError } from './parse-flags.ts';

const COMMAND = 'x-api-emulator';

/** Follows the command line: help, version, or the emulator started and wired to signals. */
async function main(): Promise<void> {
  const command = emulatorCommand(process.argv.slice(2), process.env);
  if (command.kind === 'help') {
    process.stdout.write(
      helpText(
        COMMAND,
        'An emulator of the X API v2 user, follows and tweet lookup endpoints, with a seeded world of\n' +
          'users, rate limits and OAuth 2.0 / OAuth 1.0a authentication, for testing X clients.',
        EMULATOR_FLAGS,
      ),
    );
    return;
  }
  if (command.kind === 'version') {
    process.stdout.write(`${packageJson.version}\n`);
    return;
  }
  await runEmulator(command.env);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`${COMMAND}: ${error.message} (see ${COMMAND} --help)\n`);
    process.exit(2);
  }
  process.stderr.write(
    `emulator failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
