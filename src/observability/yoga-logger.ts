import type { YogaLogger } from 'graphql-yoga';
import { GatewayError } from '../rest/errors.ts';
import type { Logger } from './logger.ts';
import { serializeError } from './redact.ts';
import { holdLine } from './request-error-lines.ts';

/**
 * Yoga's own messages (unexpected errors behind masking, GraphiQL rendering, ...) written through the
 * gateway's JSON logger, so they are redacted; the line of an unexpected error the gateway masked waits
 * for its request and carries its id (`request-error-lines.ts`).
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
      if (
        effective === 'error' &&
        holdLine(first, (requestId) => logger.error(msg, withRequestId(fields, requestId)))
      )
        return;
      logger[effective](msg, fields);
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/** The fields of a line, led by the request id when it is known. */
function withRequestId(
  fields: Record<string, unknown>,
  requestId: string | undefined,
): Record<string, unknown> {
  return requestId === undefined ? fields : { requestId, ...fields };
}

/** Whether a logged value is a gateway error with a contract code, or a GraphQL error wrapping one. */
function isContractError(value: unknown): boolean {
  if (value instanceof GatewayError) return true;
  return (
    value instanceof Error && (value as { originalError?: unknown }).originalError instanceof GatewayError
  );
}
