import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.ts';
import { awaitRequest, releaseLines } from '../../src/observability/request-error-lines.ts';
import { yogaLoggerFor } from '../../src/observability/yoga-logger.ts';
import { useRequestId } from '../../src/plugins/request-id.ts';
import { createGatewayYoga } from '../../src/yoga.ts';
import { FakeSession } from '../fixtures/schema-fake-session.ts';

const world = { users: [{ id: '12', name: 'Jack', username: 'jack' }], tweets: [] };

/** A JSON logger that keeps its parsed lines, and Yoga's adapter over it. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line)) });
  return { lines, yoga: yogaLoggerFor(logger) };
}

describe('request error lines', () => {
  it('writes the line of a masked unexpected error with the id of the request that met it', async () => {
    const { lines, yoga: logging } = capture();
    const session = new FakeSession(world);
    session.usersByUsernames = async (usernames) => {
      throw new Error(`secret internals of ${usernames.join(',')}`);
    };
    const yoga = createGatewayYoga({
      client: { session: () => session },
      logging,
      plugins: [useRequestId()],
    });
    const post = (name: string) =>
      yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': `req-${name}` },
        body: JSON.stringify({ query: `{ user(username: "${name}") { name } }` }),
      });
    const bodies = await Promise.all(['ann', 'bob'].map(async (name) => (await post(name)).json()));
    expect(bodies.map((body) => body.errors[0].message)).toEqual(['Unexpected error.', 'Unexpected error.']);
    const errors = lines.filter((line) => line.level === 'error');
    expect(errors.map((line) => [line.msg, line.requestId, line.source])).toEqual([
      ['secret internals of ann', 'req-ann', 'yoga'],
      ['secret internals of bob', 'req-bob', 'yoga'],
    ]);
    expect(Object.keys(errors[0] ?? {}).slice(0, 5)).toEqual(['level', 'time', 'msg', 'requestId', 'source']);
  });

  it('writes a held line no result claims on the next turn, without a request id', async () => {
    const { lines, yoga } = capture();
    const original = new Error('lost');
    awaitRequest(original, new Error('Unexpected error.'));
    yoga.error(original);
    expect(lines).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toEqual([expect.objectContaining({ level: 'error', msg: 'lost', source: 'yoga' })]);
    expect(lines[0]).not.toHaveProperty('requestId');
    // Released later, it is not written again.
    releaseLines([original], 'late');
    expect(lines).toHaveLength(1);
  });

  it('writes the lines of errors nobody marked at once', () => {
    const { lines, yoga } = capture();
    yoga.error(new Error('not masked by the gateway'));
    expect(lines).toHaveLength(1);
  });
});
