import { describe, expect, it } from 'vitest';
import { BODY_BYTES, ReceivedBody } from '../../../src/rest/transport/received-body.ts';

/** A body received in chunks of `size` bytes, as a parser may hand it over (`declared`: Content-Length). */
function received(bytes: Uint8Array, size: number, declared?: number): ReceivedBody {
  const body = new ReceivedBody(declared);
  for (let at = 0; at < bytes.length; at += size) body.append(bytes.subarray(at, at + size));
  return body;
}

/** Puts one free buffer of the pool's smallest size in the pool, so that the next small body takes it. */
function primePool(): void {
  const buffer = BODY_BYTES.take(1);
  if (buffer) BODY_BYTES.give(buffer);
}

describe('ReceivedBody', () => {
  it('decodes characters whose bytes are split between chunks', () => {
    const text = JSON.stringify({ name: 'Zoë 🐦 ünïcödé', bio: '日本語のテキスト'.repeat(50) });
    const bytes = Buffer.from(text);
    for (const size of [1, 2, 3, 7, 64]) {
      expect(received(bytes, size).takeText()).toBe(text);
      expect(received(bytes, size, bytes.length).takeText()).toBe(text);
    }
  });

  it('reads ASCII, Latin-1, astral, BOM-led and invalid UTF-8 as toString does, invalid sequences as U+FFFD', () => {
    const samples = [
      Buffer.from(`{"data":"${'plain ascii '.repeat(10_000)}"}`),
      Buffer.from(`{"name":"Zoë Ærø ${'é'.repeat(50_000)}"}`),
      Buffer.from(`{"text":"${'🐦 日本 '.repeat(20_000)}"}`),
      Buffer.from([0x7b, 0xff, 0x41, 0xe2, 0x82, 0x7d]),
      Buffer.from([0xed, 0xa0, 0x80, 0xf0, 0x9f, 0x90, 0xa6, 0xc0, 0xaf]),
      Buffer.concat([Buffer.from('é'.repeat(40_000)), Buffer.from([0xf8, 0x88, 0x80]), Buffer.from('ü')]),
      Buffer.from('\uFEFF{"text":"a\u0000é\u2028𝄞"}'),
    ];
    for (const bytes of samples) {
      const expected = bytes.toString('utf8');
      expect(received(bytes, 65_536, bytes.length).takeText()).toBe(expected);
      expect(received(bytes, 1_000_000).takeText()).toBe(expected);
    }
    expect(received(samples[3] as Buffer, 2).takeText()).toBe('{\uFFFDA\uFFFD}');
  });

  it('grows past its first buffer when the length was not declared or was declared short', () => {
    const text = `${'x'.repeat(150_000)}ü${'y'.repeat(150_000)}`;
    const bytes = Buffer.from(text);
    expect(received(bytes, 16_384).takeText()).toBe(text);
    expect(received(bytes, 65_536, 1_000).takeText()).toBe(text);
    expect(received(bytes, 65_536).byteLength).toBe(bytes.length);
  });

  it('copies each chunk, so the chunk may be reused once appended', () => {
    const body = new ReceivedBody(6);
    const chunk = Buffer.from('{"a":');
    body.append(chunk);
    chunk.fill(0x20);
    body.append(Buffer.from('1}'));
    expect(body.takeText()).toBe('{"a":1}');
  });

  it('reads a short body after a longer one without the longer one’s bytes', () => {
    const long = 'x'.repeat(200_000);
    expect(received(Buffer.from(long), 65_536).takeText()).toBe(long);
    expect(received(Buffer.from('{"a":1}'), 3).takeText()).toBe('{"a":1}');
  });

  it('reads a body larger than the pool’s largest buffer, from the start or once it outgrows one', () => {
    const text = 'é'.repeat(BODY_BYTES.maxBufferBytes / 2 + 10);
    const bytes = Buffer.from(text);
    expect(bytes.length).toBeGreaterThan(BODY_BYTES.maxBufferBytes);
    const declared = received(bytes, 1_000_000, bytes.length);
    expect(declared.byteLength).toBe(bytes.length);
    expect(declared.takeText()).toBe(text);
    expect(received(bytes, 1_000_000).takeText()).toBe(text);
  });

  it('reads one chunk and no chunk', () => {
    expect(received(Buffer.from('{}'), 2).takeText()).toBe('{}');
    expect(new ReceivedBody().takeText()).toBe('');
  });

  it('gives its buffer back to the pool once read, and reads empty after', () => {
    primePool();
    const before = BODY_BYTES.retained;
    const body = received(Buffer.from('{"data":[]}'), 4);
    expect(BODY_BYTES.retained).toBeLessThan(before);
    expect(body.takeText()).toBe('{"data":[]}');
    expect(BODY_BYTES.retained).toBe(before);
    expect(body.takeText()).toBe('');
    expect(body.byteLength).toBe(11);
  });

  it('gives its buffer back to the pool when discarded unread', () => {
    primePool();
    const before = BODY_BYTES.retained;
    const body = received(Buffer.from('{"data":'), 4);
    expect(BODY_BYTES.retained).toBeLessThan(before);
    body.discard();
    expect(BODY_BYTES.retained).toBe(before);
    expect(body.takeText()).toBe('');
  });
});
