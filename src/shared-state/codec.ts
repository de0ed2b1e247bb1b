import { promisify } from 'node:util';
import { deflate, inflate } from 'node:zlib';
import type { SharedCachedAnswer } from '../rest/shared-store.ts';
import type { Endpoint, RateLimitState } from '../rest/x-api.ts';

/**
 * The wire forms of the shared level. A cached group is JSON, deflated when that pays (above
 * `COMPRESS_ABOVE_BYTES`); its first byte says which. A rate-limit state is `limit|remaining|resetMs` (`|p` added while provisional),
 * the form the merge script in `redis-scripts.ts` parses. Anything unreadable decodes as nothing: a
 * corrupt or foreign value costs an upstream call, never a wrong answer.
 */

/** Groups whose JSON is larger than this are deflated. */
export const COMPRESS_ABOVE_BYTES = 1024;

const deflateAsync = promisify(deflate);
const inflateAsync = promisify(inflate);

/** The first byte of a stored group. */
const PLAIN = 0x6a; // 'j'
const DEFLATED = 0x7a; // 'z'

/** Serialises a group of answers, deflating it when its JSON is larger than the threshold. */
export async function encodeAnswers(answers: readonly SharedCachedAnswer[]): Promise<Buffer> {
  const json = Buffer.from(JSON.stringify(answers));
  if (json.length <= COMPRESS_ABOVE_BYTES) return Buffer.concat([Buffer.of(PLAIN), json]);
  return Buffer.concat([Buffer.of(DEFLATED), await deflateAsync(json)]);
}

/** Reads a stored group; undefined when the value is not one this codec wrote. */
export async function decodeAnswers(value: Buffer): Promise<SharedCachedAnswer[] | undefined> {
  let json: Buffer;
  if (value[0] === PLAIN) json = value.subarray(1);
  else if (value[0] === DEFLATED) {
    try {
      json = await inflateAsync(value.subarray(1));
    } catch {
      return undefined;
    }
  } else return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json.toString('utf8'));
  } catch {
    return undefined;
  }
  return Array.isArray(parsed) && parsed.every(isAnswer) ? parsed : undefined;
}

/** True for a value with the shape of a `SharedCachedAnswer`. */
function isAnswer(value: unknown): value is SharedCachedAnswer {
  if (typeof value !== 'object' || value === null) return false;
  const a = value as Record<string, unknown>;
  return (
    typeof a.fetchedAt === 'number' &&
    typeof a.bytes === 'number' &&
    typeof a.body === 'object' &&
    a.body !== null &&
    typeof a.fields === 'object' &&
    a.fields !== null &&
    Object.values(a.fields).every((list) => Array.isArray(list) && list.every((f) => typeof f === 'string'))
  );
}

/** A rate-limit state in the merge script's form (`|p` marks a provisional state). */
export function encodeRateLimit(state: RateLimitState): string {
  const flag = state.provisional ? '|p' : '';
  return `${state.limit}|${state.remaining}|${state.resetAt.getTime()}${flag}`;
}

/** Reads a stored rate-limit state; undefined when malformed. */
export function decodeRateLimit(endpoint: Endpoint, value: string): RateLimitState | undefined {
  const match = /^([0-9]{1,15})\|([0-9]{1,15})\|([0-9]{1,15})(\|p)?$/.exec(value);
  if (!match) return undefined;
  return {
    endpoint,
    limit: Number(match[1]),
    remaining: Number(match[2]),
    resetAt: new Date(Number(match[3])),
    ...(match[4] ? { provisional: true } : {}),
  };
}
