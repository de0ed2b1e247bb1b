import type { YogaLogger } from 'graphql-yoga';
import { GatewayError } from '../rest/errors.ts';
import type { Logger } from './logger.ts';
import { serializeError } from './redact.ts';

/**
 * Yoga's own messages (unexpected errors behind masking, GraphiQL rendering, ...) written through the
 * gateway's JSON logger, so they are redacted and carry the request id like every other line.
 */

/** Adapts the gateway logger to Yoga's `logging` option. */
export function yogaLoggerFor(logger: Logger): YogaLogger {
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]): void => {
      const [first, ...rest] = args;
      // Yoga logs every error it masks or rewrites; errors with a contract code are answers, not faults
      // (the access log lists their codes), so they go to debug.
      const effective = level === 'error' && isContractError(first) ? 'debug' : level;
      if (!logger.isEnabled(effective)) return;
      const msg = typeof first === 'string' ? first : first instanceof Error ? first.message : 'yoga';
      const fields: Record<string, unknown> = { source: 'yoga' };
      if (first instanceof Error) fields.error = serializeError(first);
      else if (first !== undefined && typeof first !== 'string') fields.detail = first;
      if (rest.length > 0)
        fields.args = rest.map((arg) => (arg instanceof Error ? serializeError(arg) : arg));
      logger[effective](msg, fields);
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/** Whether a logged value is a gateway error with a contract code, or a GraphQL error wrapping one. */
function isContractError(value: unknown): boolean {
  if (value instanceof GatewayError) return true;
  return (
    value instanceof Error && (value as { originalError?: unknown }).originalError instanceof GatewayError
  );
}
