import { spawn } from 'node:child_process';
import {
  accessSync,
  createReadStream,
  existsSync,
  constants as fs,
  mkdirSync,
  mkdtempSync,
  readFileSync,
} from 'node:fs';
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'graphql-yoga';
import { chooseEncoding } from './compression.ts';

/** What Yoga hands an `onRequest` hook. */
type OnRequestPayload = Parameters<NonNullable<Plugin['onRequest']>>[0];

/**
 * GraphiQL's assets as static files. `@graphql-yoga/render-graphiql` ships them as JavaScript strings
 * (9 MB: the app, its CSS, three Monaco workers and the icon); loading that module would keep them in the
 * heap for the life of the process. Instead, on the first GraphiQL request a child process loads it,
 * writes each asset to `dir` under a name carrying its content hash, precompressed beside it (`.br`,
 * `.gz`), plus a manifest for the package's version, and exits: all its memory goes back to the system.
 * (A worker thread's did not: its allocator arena and pages stayed with the gateway, about 40 MB resident
 * for good.) A later start reads the manifest and starts no child. The files are served under {@link GRAPHIQL_ASSETS_PATH}
 * streamed from disk, `Cache-Control: public, max-age=31536000, immutable`, with an `ETag` per encoding;
 * `HEAD` answers like `GET` without a body.
 */

/** Where the assets are served. */
export const GRAPHIQL_ASSETS_PATH = '/graphiql/assets/';

/** The file name of each asset in the assets directory (and under {@link GRAPHIQL_ASSETS_PATH}). */
export interface GraphiQLAssetManifest {
  /** The app (defines `YogaGraphiQL`). */
  readonly js: string;
  readonly css: string;
  readonly favicon: string;
  /** Monaco's workers, by the label Monaco asks them by. */
  readonly workers: { readonly editorWorkerService: string; readonly json: string; readonly graphql: string };
}

/** Options of {@link GraphiQLAssets}. */
export interface GraphiQLAssetsOptions {
  /**
   * Where the files are written; a fresh private directory under the system's temporary one when it is
   * not writable. @default `dist/graphiql` of the package
   */
  readonly dir?: string;
}

/** Media type by file extension. */
const MEDIA_TYPES: Readonly<Record<string, string>> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  ico: 'image/x-icon',
};

/** Precompressed variant suffixes by encoding. */
const SUFFIXES = { br: '.br', gzip: '.gz' } as const;

/** A year: the files never change under their content-hashed names. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The environment variable carrying the child's job (JSON: `dir`, `modulePath`, `manifestFile`). */
const JOB_VARIABLE = 'GRAPHIQL_ASSETS_JOB';

/**
 * What the child runs (CommonJS, `node -e`): write the assets and their compressed variants, then the
 * manifest, which the parent reads once the child has exited.
 */
const CHILD_SOURCE = `
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { dir, modulePath, manifestFile } = JSON.parse(process.env.${JOB_VARIABLE});
const assets = require(modulePath);
const write = (file, data) => {
  const tmp = path.join(dir, '.' + file + '.' + process.pid + '.tmp');
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, path.join(dir, file));
};
const entry = (name, ext, text) => {
  const data = ext === 'ico' ? Buffer.from(text.slice(text.indexOf(',') + 1), 'base64') : Buffer.from(text, 'utf8');
  const file = name + '-' + createHash('sha256').update(data).digest('hex').slice(0, 20) + '.' + ext;
  if (!fs.existsSync(path.join(dir, file))) write(file, data);
  if (!fs.existsSync(path.join(dir, file + '.gz'))) write(file + '.gz', zlib.gzipSync(data, { level: 6 }));
  if (!fs.existsSync(path.join(dir, file + '.br'))) {
    const params = { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length };
    write(file + '.br', zlib.brotliCompressSync(data, { params }));
  }
  return file;
};
const manifest = {
  js: entry('graphiql', 'js', assets.js),
  css: entry('graphiql', 'css', assets.css),
  favicon: entry('favicon', 'ico', assets.favicon),
  workers: {
    editorWorkerService: entry('editor-worker', 'js', assets.editorWorkerService),
    json: entry('json-worker', 'js', assets.jsonWorker),
    graphql: entry('graphql-worker', 'js', assets.graphqlWorker),
  },
};
write(manifestFile, JSON.stringify(manifest));
`;

/** The most of the child's error output kept for the error message, in characters. */
const MAX_CHILD_STDERR_CHARS = 4096;

/** GraphiQL's assets: prepared once on disk, served from there. */
export class GraphiQLAssets {
  readonly #dir: string | undefined;
  #manifest: Promise<{ dir: string; manifest: GraphiQLAssetManifest; files: Set<string> }> | undefined;

  constructor(options: GraphiQLAssetsOptions = {}) {
    this.#dir = options.dir;
  }

  /** The file names, once the files are on disk (the first call prepares them). */
  async manifest(): Promise<GraphiQLAssetManifest> {
    return (await this.#prepared()).manifest;
  }

  /**
   * The Yoga plugin serving the files under {@link GRAPHIQL_ASSETS_PATH}. Its hook is synchronous for every
   * other request, so they make no promise here.
   */
  readonly plugin: Plugin = {
    onRequest: (payload) =>
      payload.url.pathname.startsWith(GRAPHIQL_ASSETS_PATH) ? this.#serve(payload) : undefined,
  };

  /** Answers a request for one of the files. */
  async #serve({ request, url, endResponse, fetchAPI }: OnRequestPayload): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      endResponse(new fetchAPI.Response(null, { status: 405, headers: { allow: 'GET, HEAD' } }));
      return;
    }
    const name = url.pathname.slice(GRAPHIQL_ASSETS_PATH.length);
    const { dir, files } = await this.#prepared();
    if (!files.has(name)) {
      endResponse(new fetchAPI.Response('Not Found', { status: 404 }));
      return;
    }
    const encoding = chooseEncoding(request.headers.get('accept-encoding'));
    const file = encoding ? `${name}${SUFFIXES[encoding]}` : name;
    const path = join(dir, existsSync(join(dir, file)) ? file : name);
    const sent = path.endsWith(file) ? encoding : undefined;
    const hash = name.slice(name.lastIndexOf('-') + 1, name.lastIndexOf('.'));
    const etag = `"${hash}${sent ? `-${sent}` : ''}"`;
    const headers = new fetchAPI.Headers({
      'content-type': MEDIA_TYPES[name.slice(name.lastIndexOf('.') + 1)] ?? 'application/octet-stream',
      'cache-control': IMMUTABLE,
      etag,
      vary: 'Accept-Encoding',
    });
    if (sent) headers.set('content-encoding', sent);
    if (request.headers.get('if-none-match')?.includes(etag)) {
      endResponse(new fetchAPI.Response(null, { status: 304, headers }));
      return;
    }
    headers.set('content-length', String((await stat(path)).size));
    const body =
      request.method === 'HEAD'
        ? null
        : (Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>);
    endResponse(new fetchAPI.Response(body, { status: 200, headers }));
  }

  /** The directory, manifest and file names, prepared on the first call. */
  #prepared(): Promise<{ dir: string; manifest: GraphiQLAssetManifest; files: Set<string> }> {
    this.#manifest ??= prepare(writableDir(this.#dir ?? join(packageRoot(), 'dist', 'graphiql'))).then(
      ({ dir, manifest }) => ({
        dir,
        manifest,
        files: new Set([manifest.js, manifest.css, manifest.favicon, ...Object.values(manifest.workers)]),
      }),
    );
    // A failure (a full disk, say) is retried by the next request rather than remembered.
    this.#manifest.catch(() => {
      this.#manifest = undefined;
    });
    return this.#manifest;
  }
}

/** The manifest of `dir` for the installed package's version, written by a child process when missing. */
async function prepare(dir: string): Promise<{ dir: string; manifest: GraphiQLAssetManifest }> {
  const require = createRequire(import.meta.url);
  const modulePath = require.resolve('@graphql-yoga/render-graphiql/graphiql');
  const { version } = JSON.parse(readFileSync(join(dirname(modulePath), '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  const manifestFile = `manifest-${version}.json`;
  const existing = readManifest(join(dir, manifestFile), dir);
  if (existing) return { dir, manifest: existing };
  await runChild({ dir, modulePath, manifestFile });
  const manifest = readManifest(join(dir, manifestFile), dir);
  if (!manifest) throw new Error(`the GraphiQL assets child wrote no complete manifest in ${dir}`);
  return { dir, manifest };
}

/** Runs {@link CHILD_SOURCE} in a plain `node` (none of this process's flags) and waits for its exit. */
function runChild(job: { dir: string; modulePath: string; manifestFile: string }): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', CHILD_SOURCE], {
      env: { ...process.env, [JOB_VARIABLE]: JSON.stringify(job) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-MAX_CHILD_STDERR_CHARS);
    });
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else {
        const why = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        reject(new Error(`the GraphiQL assets child ${why}${stderr ? `: ${stderr.trim()}` : ''}`));
      }
    });
  });
}

/** A manifest whose files are all present, or undefined. */
function readManifest(path: string, dir: string): GraphiQLAssetManifest | undefined {
  try {
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as GraphiQLAssetManifest;
    const files = [manifest.js, manifest.css, manifest.favicon, ...Object.values(manifest.workers)];
    return files.every((file) => existsSync(join(dir, file))) ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/** `dir` when it can be created and written, else a fresh private directory under the temporary one. */
function writableDir(dir: string): string {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, fs.W_OK);
    return dir;
  } catch {
    return mkdtempSync(join(tmpdir(), 'x-graphql-gateway-graphiql-'));
  }
}

/** The directory of the nearest `package.json` above this module (from `src/plugins/` or `dist/`). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dir;
}
