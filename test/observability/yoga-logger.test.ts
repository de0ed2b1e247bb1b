import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.ts';
import { yogaLoggerFor } from '../../src/observability/yoga-logger.ts';
import { NotFoundError } from '../../src/rest/errors.ts';

/** A Yoga logger over a capturing JSON logger. */
function setup(level: 'debug' | 'warn' = 'debug') {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level, write: (line) => lines.push(JSON.parse(line)) });
  return { lines, yoga: yogaLoggerFor(logger) };
}

describe('yogaLoggerFor', () => {
  it("writes Yoga's messages as JSON lines marked with their source", () => {
    const { lines, yoga } = setup();
    yoga.info('Rendering GraphiQL');
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', msg: 'Rendering GraphiQL', source: 'yoga' }),
    ]);
  });

  it('serializes errors and redacts tokens in them', () => {
    const { lines, yoga } = setup();
    yoga.error(new Error('fetch failed with Authorization: Bearer secret-token-xyz'));
    expect(lines[0]).toMatchObject({ level: 'error', source: 'yoga', error: { name: 'Error' } });
    expect(JSON.stringify(lines)).not.toContain('secret-token-xyz');
  });

  it('keeps extra arguments and honours the level', () => {
    const { lines, yoga } = setup('warn');
    yoga.debug('dropped');
    yoga.warn('slow', { ms: 5 });
    expect(lines).toEqual([expect.objectContaining({ msg: 'slow', args: [{ ms: 5 }] })]);
  });

  it('logs errors with a contract code at debug, other errors at error', () => {
    const { lines, yoga } = setup();
    const notFound = new NotFoundError('Could not find user with id: [1].');
    yoga.error(new GraphQLError(notFound.message, { originalError: notFound }));
    yoga.error(notFound);
    yoga.error(new GraphQLError('boom', { originalError: new TypeError('x is undefined') }));
    expect(lines.map((line) => line.level)).toEqual(['debug', 'debug', 'error']);
  });
});
