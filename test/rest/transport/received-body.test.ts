import { describe, expect, it } from 'vitest';
import { BODY_BYTES, ReceivedBody } from '../../../src/rest/transport/received-body.ts';

/** A body cut into chunks of `size` bytes, as a parser may hand it over. */
function chunked(bytes: Buffer, size: number): ReceivedBody {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return new ReceivedBody(chunks, bytes.length);
}

describe('ReceivedBody', () => {
  it('decodes characters whose bytes are split between chunks', () => {
    const text = JSON.stringify({ name: 'Zoë 🐦 ünïcödé', bio: '日本語のテキスト'.repeat(50) });
    for (const size of [1, 2, 3, 7, 64]) expect(chunked(Buffer.from(text), size).takeText()).toBe(text);
  });

  it('reads a short body after a longer one without the longer one’s bytes', () => {
    const long = 'x'.repeat(200_000);
    expect(chunked(Buffer.from(long), 65_536).takeText()).toBe(long);
    expect(chunked(Buffer.from('{"a":1}'), 3).takeText()).toBe('{"a":1}');
  });

  it('reads a body larger than the pool’s largest buffer', () => {
    const text = 'é'.repeat(BODY_BYTES.maxBufferBytes / 2 + 10);
    const body = chunked(Buffer.from(text), 1_000_000);
    expect(body.byteLength).toBeGreaterThan(BODY_BYTES.maxBufferBytes);
    expect(body.takeText()).toBe(text);
  });

  it('reads one chunk and no chunk', () => {
    expect(new ReceivedBody([Buffer.from('{}')], 2).takeText()).toBe('{}');
    expect(new ReceivedBody([], 0).takeText()).toBe('');
  });

  it('lets go of its chunks once read', () => {
    const body = chunked(Buffer.from('{"data":[]}'), 4);
    expect(body.takeText()).toBe('{"data":[]}');
    expect(body.takeText()).toBe('');
    expect(body.byteLength).toBe(11);
  });
});
