import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionSource } from '../../src/context.ts';
import { graphiqlOptions, graphiqlRenderer } from '../../src/plugins/graphiql.ts';
import { GRAPHIQL_ASSETS_PATH, GraphiQLAssets } from '../../src/plugins/graphiql-assets.ts';
import { createGatewayYoga } from '../../src/yoga.ts';
import { FakeSession } from '../fixtures/schema-fake-session.ts';

const client: SessionSource = { session: () => new FakeSession({ users: [], tweets: [] }) };
let dir: string;
let assets: GraphiQLAssets;
let yoga: ReturnType<typeof createGatewayYoga>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'graphiql-assets-test-'));
  assets = new GraphiQLAssets({ dir });
  yoga = createGatewayYoga({
    client,
    graphiql: graphiqlOptions(),
    renderGraphiQL: graphiqlRenderer(assets),
    plugins: [assets.plugin],
  });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** GETs (or HEADs) a path of the gateway. */
async function request(
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<Response> {
  return yoga.fetch(`http://gateway.test${path}`, { method, headers });
}

/** The assets the page refers to. */
function assetPaths(html: string): string[] {
  return [...html.matchAll(/\/graphiql\/assets\/[\w.-]+/g)].map(([path]) => path);
}

describe('GraphiQLAssets', () => {
  it('serves a page of a few kilobytes that refers to every asset', async () => {
    const page = await request('/graphql', { accept: 'text/html' });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(Buffer.byteLength(html)).toBeLessThan(32 * 1024);
    const manifest = await assets.manifest();
    const files = [manifest.js, manifest.css, manifest.favicon, ...Object.values(manifest.workers)];
    expect(new Set(assetPaths(html))).toEqual(new Set(files.map((file) => `${GRAPHIQL_ASSETS_PATH}${file}`)));
    // Each file on disk with its compressed variants, and the manifest.
    expect(
      readdirSync(dir)
        .filter((file) => !file.startsWith('manifest-'))
        .sort(),
    ).toEqual(files.flatMap((file) => [file, `${file}.br`, `${file}.gz`]).sort());
  }, 120_000);

  it('serves each asset with long-lived cache headers, br or gzip as asked, the same bytes decoded', async () => {
    const { js, css } = await assets.manifest();
    for (const file of [js, css]) {
      const plain = await request(`${GRAPHIQL_ASSETS_PATH}${file}`);
      expect(plain.status).toBe(200);
      expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(plain.headers.get('content-type')).toMatch(
        file.endsWith('.js') ? /^text\/javascript/ : /^text\/css/,
      );
      expect(plain.headers.get('content-encoding')).toBeNull();
      expect(plain.headers.get('etag')).toMatch(/^"[0-9a-f]{20}"$/);
      const bytes = Buffer.from(await plain.arrayBuffer());
      expect(Number(plain.headers.get('content-length'))).toBe(bytes.byteLength);
      for (const [encoding, decode] of [
        ['br', brotliDecompressSync],
        ['gzip', gunzipSync],
      ] as const) {
        const response = await request(`${GRAPHIQL_ASSETS_PATH}${file}`, { 'accept-encoding': encoding });
        expect(response.headers.get('content-encoding')).toBe(encoding);
        expect(response.headers.get('vary')).toBe('Accept-Encoding');
        expect(response.headers.get('etag')).toMatch(new RegExp(`^"[0-9a-f]{20}-${encoding}"$`));
        const compressed = Buffer.from(await response.arrayBuffer());
        expect(compressed.byteLength).toBeLessThan(bytes.byteLength * 0.6);
        expect(decode(compressed).equals(bytes)).toBe(true);
      }
    }
  }, 60_000);

  it('answers a matching If-None-Match with 304 and HEAD with the headers of GET and no body', async () => {
    const path = `${GRAPHIQL_ASSETS_PATH}${(await assets.manifest()).css}`;
    const get = await request(path, { 'accept-encoding': 'br' });
    await get.arrayBuffer();
    const etag = get.headers.get('etag') ?? '';
    const cached = await request(path, { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(cached.status).toBe(304);
    expect(await cached.text()).toBe('');
    const head = await request(path, { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    for (const header of ['content-length', 'content-type', 'content-encoding', 'etag', 'cache-control']) {
      expect(head.headers.get(header)).toBe(get.headers.get(header));
    }
    expect(await head.text()).toBe('');
  });

  it('answers 404 for a file it does not serve and 405 for another method', async () => {
    expect((await request(`${GRAPHIQL_ASSETS_PATH}..%2Fpackage.json`)).status).toBe(404);
    expect((await request(`${GRAPHIQL_ASSETS_PATH}manifest-5.24.1.json`)).status).toBe(404);
    const post = await request(`${GRAPHIQL_ASSETS_PATH}x.js`, {}, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('returns at once, with no promise, for a request outside its path', () => {
    const onRequest = assets.plugin.onRequest as (payload: unknown) => unknown;
    const outside = onRequest({ request: new Request('http://x/graphql'), url: new URL('http://x/graphql') });
    expect(outside).toBeUndefined();
  });

  it('keeps no copy of the assets in the heap after preparing them and ten views', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    // A fresh directory: the worker prepares the files again.
    const freshDir = mkdtempSync(join(tmpdir(), 'graphiql-assets-heap-'));
    const fresh = new GraphiQLAssets({ dir: freshDir });
    const freshYoga = createGatewayYoga({
      client,
      graphiql: graphiqlOptions(),
      renderGraphiQL: graphiqlRenderer(fresh),
      plugins: [fresh.plugin],
    });
    const get = async (path: string, headers: Record<string, string>): Promise<Response> =>
      freshYoga.fetch(`http://gateway.test${path}`, { headers });
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 10; i++) {
      const html = await (await get('/graphql', { accept: 'text/html', 'accept-encoding': 'br' })).text();
      for (const path of assetPaths(html)) await (await get(path, { 'accept-encoding': 'br' })).arrayBuffer();
    }
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    rmSync(freshDir, { recursive: true, force: true });
    // The page with its assets inlined was a 9 MB string, kept for the life of the process.
    expect(grown).toBeLessThan(2_000_000);
  }, 60_000);
});
