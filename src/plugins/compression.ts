import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'graphql-yoga';
import { DEFAULT_COMPRESSION_MIN_BYTES } from '../config-defaults.ts';

/**
 * Compression of answers (`COMPRESSION_MIN_BYTES`): a response of at least that many bytes is sent
 * `br` or `gzip`, as the request's `Accept-Encoding` prefers (br first on a tie). The body Yoga built is
 * compressed on libuv's thread pool (async zlib), so the event loop never waits for it; brotli at quality
 * 4 and gzip at level 6 keep the CPU per answer low. Streams (`text/event-stream`, `multipart/mixed`) and
 * already-encoded responses pass untouched; every compressible response carries `Vary: Accept-Encoding`.
 */

/** The encodings the gateway sends, in its order of preference. */
export type ContentEncoding = 'br' | 'gzip';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Brotli quality 4: most of brotli's gain over gzip at a fraction of the CPU of its default 11. */
const BROTLI_QUALITY = 4;
/** Gzip level 6, zlib's own default. */
const GZIP_LEVEL = 6;

/** Media types worth compressing; anything else (and every stream) passes untouched. */
const COMPRESSIBLE =
  /^(?:application\/(?:[\w.+-]*\+)?json|text\/(?:html|plain|css)|application\/javascript)\b/i;

/**
 * The encoding to send for an `Accept-Encoding` header, or undefined for none: `br` or `gzip` by their
 * q-values (`*` stands for both), `q=0` refusing one.
 */
export function chooseEncoding(acceptEncoding: string | null): ContentEncoding | undefined {
  if (!acceptEncoding) return undefined;
  const quality = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = q === undefined ? 1 : Number(q.slice(2));
    quality.set(name.trim(), Number.isFinite(value) ? value : 0);
  }
  const qOf = (encoding: ContentEncoding): number => quality.get(encoding) ?? quality.get('*') ?? 0;
  const br = qOf('br');
  const gz = qOf('gzip');
  if (br <= 0 && gz <= 0) return undefined;
  return br >= gz ? 'br' : 'gzip';
}

/** Compresses `body` with `encoding` on the thread pool. */
export function compress(body: Uint8Array, encoding: ContentEncoding): Promise<Buffer> {
  return encoding === 'br'
    ? brotli(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        },
      })
    : gzipAsync(body, { level: GZIP_LEVEL });
}

/** The compression plugin; register it last, so that it sees the final body and headers. */
export function useCompression(minBytes: number = DEFAULT_COMPRESSION_MIN_BYTES): Plugin {
  return {
    // Synchronous until there is a body to compress: an answer left as it is costs no promise.
    onResponse({ request, response, setResponse, fetchAPI }) {
      const type = response.headers.get('content-type');
      if (!type || !COMPRESSIBLE.test(type) || !hasBody(response)) return;
      if (response.headers.has('content-encoding')) return;
      // The headers of a response Yoga or a plugin built are mutable.
      const vary = response.headers.get('vary');
      if (!vary?.toLowerCase().includes('accept-encoding'))
        response.headers.set('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
      if (request.method === 'HEAD') return;
      const encoding = chooseEncoding(request.headers.get('accept-encoding'));
      if (!encoding || Number(response.headers.get('content-length') ?? minBytes) < minBytes) return;
      return compressedResponse(response, encoding, minBytes, fetchAPI).then(setResponse);
    },
  };
}

/**
 * Does the response have a body? Its `Content-Length` says so without touching the body: reading
 * `response.body` of an answer Yoga built from a string makes a stream of it, with a UTF-8 copy of the
 * whole answer (0.6 MB for 1,000 followers) that is then never read, since the server writes the string.
 */
function hasBody(response: Response): boolean {
  const length = response.headers.get('content-length');
  return length === null ? response.body !== null : length !== '0';
}

/** The response with its body compressed, or re-sent as it is when it turns out shorter than `minBytes`. */
async function compressedResponse(
  response: Response,
  encoding: ContentEncoding,
  minBytes: number,
  fetchAPI: { Headers: typeof Headers; Response: typeof Response },
): Promise<Response> {
  const body = new Uint8Array(await response.arrayBuffer());
  const { status, statusText } = response;
  const headers = new fetchAPI.Headers(response.headers);
  if (body.byteLength < minBytes) return new fetchAPI.Response(body, { status, statusText, headers });
  const compressed = await compress(body, encoding);
  headers.set('content-encoding', encoding);
  headers.set('content-length', String(compressed.byteLength));
  return new fetchAPI.Response(new Uint8Array(compressed), { status, statusText, headers });
}
