/**
 * The X API v2 emulator alone, run by `npm run emulator` and `x-api-emulator` (`src/cli/emulator.ts`).
 * Prints one line with its URL and how to authenticate; SIGTERM and SIGINT close it. A bad environment
 * value stops it with one line naming it.
 */
import { EmulatorEnvError, parseEmulatorEnv } from './emulator-env.ts';
import { DEFAULT_OAUTH1_CREDENTIALS, startEmulator } from './start-emulator.ts';

/**
 * Starts the emulator from `variables` and wires the signals that stop it; exits 1 with one line on a bad
 * value. @param variables the environment to read. @default process.env
 */
export async function runEmulator(
  variables: Readonly<Record<string, string | undefined>> = process.env,
): Promise<void> {
  let env: ReturnType<typeof parseEmulatorEnv>;
  try {
    env = parseEmulatorEnv(variables);
  } catch (error) {
    if (!(error instanceof EmulatorEnvError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const emulator = await startEmulator({
    port: env.port,
    host: env.host,
    seed: env.seed,
    rateLimit: env.rateLimit,
    previousToken: env.previousToken,
    shortPages: env.shortPages,
  });
  const twitterDev = emulator.store.notable.twitterDev;
  const limit = env.rateLimit === 'off' ? 'rate limit off' : `rate limit ${env.rateLimit}/15 min`;
  process.stdout.write(
    `X API v2 emulator on ${emulator.url} (seed ${env.seed}, ${limit}, previous_token ${env.previousToken}` +
      `${env.shortPages > 0 ? `, short pages ${env.shortPages}` : ''}): ` +
      `app token "Authorization: Bearer ${emulator.appTokens[0]}", ` +
      `user token of TwitterDev (${twitterDev}) "Bearer ${emulator.issueUserToken(twitterDev)}", ` +
      `OAuth 1.0a consumer key ${DEFAULT_OAUTH1_CREDENTIALS.consumerKey} (secrets in src/emulator/README.md)\n`,
  );
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
