import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.ts';
import { createRedactor } from '../../src/observability/redact.ts';
import { newRequestContext, requestIdFrom } from '../../src/observability/request-context.ts';

/** A logger writing into an array, with a fixed clock. */
function capture(level: 'debug' | 'info' | 'warn' | 'error' | 'silent' = 'debug', secrets: string[] = []) {
  const lines: string[] = [];
  const logger = createLogger({
    level,
    write: (line) => lines.push(line),
    redact: createRedactor(secrets),
    now: () => new Date('2026-11-27T10:00:00.000Z'),
  });
  return { logger, lines, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('createLogger', () => {
  it('writes one JSON object per line with level, time and msg', () => {
    const { logger, lines, parsed } = capture();
    logger.info('listening', { url: 'http://localhost:4000/graphql' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    expect(parsed()[0]).toEqual({
      level: 'info',
      time: '2026-11-27T10:00:00.000Z',
      msg: 'listening',
      url: 'http://localhost:4000/graphql',
    });
  });

  it('names the request id right after the message on the lines of a request child', () => {
    const { logger, parsed } = capture();
    logger.child({ requestId: newRequestContext('req-42').requestId }).warn('slow upstream', { ms: 900 });
    logger.info('outside');
    expect(parsed().map((line) => line.requestId)).toEqual(['req-42', undefined]);
    expect(Object.keys(parsed()[0] ?? {})).toEqual(['level', 'time', 'msg', 'requestId', 'ms']);
  });

  it('drops lines below its level', () => {
    const { logger, parsed } = capture('warn');
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(parsed().map((line) => line.level)).toEqual(['warn', 'error']);
    expect(logger.isEnabled('info')).toBe(false);
    expect(logger.isEnabled('error')).toBe(true);
  });

  it('writes nothing when silent', () => {
    const { logger, lines } = capture('silent');
    logger.error('e');
    expect(lines).toEqual([]);
  });

  it('adds child bindings to every line', () => {
    const { logger, parsed } = capture();
    logger.child({ component: 'emulator' }).info('started');
    expect(parsed()[0]).toMatchObject({ component: 'emulator', msg: 'started' });
  });

  it('redacts tokens in messages and fields', () => {
    const token = 'AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid';
    const { logger, lines } = capture('debug', [token]);
    logger.error(`call failed: Authorization: Bearer ${token}`, {
      headers: { authorization: 'Bearer secret-token-xyz' },
      detail: `token=${token}`,
      echoed: token,
    });
    expect(lines.join('\n')).not.toContain(token);
    expect(lines.join('\n')).not.toContain('secret-token-xyz');
  });
});

describe('requestIdFrom', () => {
  it('keeps a safe incoming id', () => {
    expect(requestIdFrom('abc-123_DEF.4:5')).toBe('abc-123_DEF.4:5');
  });

  it('replaces a missing, long or unsafe id by a UUID', () => {
    for (const incoming of [null, '', 'a'.repeat(129), 'has space', 'line\nbreak', '<script>']) {
      expect(requestIdFrom(incoming)).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
  });

  describe('in the pretty format', () => {
    /** A pretty logger writing into an array, with a fixed clock. */
    function pretty(secrets: string[] = []) {
      const lines: string[] = [];
      const logger = createLogger({
        format: 'pretty',
        write: (line) => lines.push(line),
        redact: createRedactor(secrets),
        now: () => new Date('2026-11-27T12:00:01.234Z'),
      });
      return { logger, lines };
    }

    it('writes one readable line: time, level, message, then key=value fields', () => {
      const { logger, lines } = pretty();
      logger.child({ requestId: 'req-1' }).info('request', {
        method: 'POST',
        status: 200,
        path: '/graphql',
        note: 'two words',
        tags: ['a'],
      });
      expect(lines).toEqual([
        '12:00:01.234 INFO  request requestId=req-1 method=POST status=200 path=/graphql note="two words" tags=["a"]',
      ]);
    });

    it('redacts and cuts like the JSON form, and keeps a message with a newline on one line', () => {
      const { logger, lines } = pretty(['configured-secret-1234']);
      logger.warn('first\nsecond', {
        auth: 'Bearer abcdefghijklmnop',
        secret: 'x configured-secret-1234 y',
        long: 'z'.repeat(10_000),
      });
      expect(lines).toHaveLength(1);
      expect(lines[0]).not.toContain('\n');
      expect(lines[0]).toMatch(/^12:00:01\.234 WARN {2}"first\\nsecond" /);
      expect(lines[0]).not.toContain('abcdefghijklmnop');
      expect(lines[0]).not.toContain('configured-secret-1234');
      expect(lines[0]).toContain('…[truncated: 10000 characters]');
    });
  });
});
