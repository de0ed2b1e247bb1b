import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_OPERATIONS, graphiqlOptions, renderGraphiQLPage } from '../../src/plugins/graphiql.ts';
import type { GraphiQLAssetManifest } from '../../src/plugins/graphiql-assets.ts';

const DOCUMENTS = resolve(import.meta.dirname, '../../documents');

describe('graphiqlOptions', () => {
  it('opens with the followers example and offers every operation of documents/ as a tab', () => {
    const options = graphiqlOptions();
    expect(options.title).toBe('X GraphQL Gateway');
    expect(options.defaultQuery).toContain('query FollowersWithPinnedTweets');
    const files = readdirSync(DOCUMENTS).filter((file) => file.endsWith('.graphql'));
    expect(EXAMPLE_OPERATIONS.map((example) => example.file).sort()).toEqual(files.sort());
    expect(options.defaultTabs?.map((tab) => tab.query)).toEqual(
      EXAMPLE_OPERATIONS.map((example) => readFileSync(resolve(DOCUMENTS, example.file), 'utf8')),
    );
  });

  it("prefills the example user token in the viewer tab's headers only", () => {
    const tabs = graphiqlOptions({ exampleUserToken: 'dTIyNDQ5OTQ5NDUuabc' }).defaultTabs ?? [];
    const withHeaders = tabs.filter((tab) => tab.headers);
    expect(withHeaders).toHaveLength(1);
    expect(withHeaders[0]?.query).toContain('query Viewer');
    expect(JSON.parse(withHeaders[0]?.headers ?? '{}')).toEqual({
      Authorization: 'Bearer dTIyNDQ5OTQ5NDUuabc',
    });
    expect(graphiqlOptions().defaultTabs?.every((tab) => tab.headers === null)).toBe(true);
  });

  it("gives the node example TwitterDev's global id", () => {
    const tab = graphiqlOptions().defaultTabs?.find((one) => one.query?.includes('query NodeById'));
    expect(JSON.parse(tab?.variables ?? '{}')).toEqual({
      id: Buffer.from('User:2244994945').toString('base64'),
    });
  });
});

describe('renderGraphiQLPage', () => {
  const assets: GraphiQLAssetManifest = {
    js: 'graphiql-0123.js',
    css: 'graphiql-4567.css',
    favicon: 'favicon-89ab.ico',
    workers: {
      editorWorkerService: 'editor-worker-1.js',
      json: 'json-worker-2.js',
      graphql: 'graphql-worker-3.js',
    },
  };

  it('is a few kilobytes referring to the assets on its own origin, not a CDN', () => {
    const html = renderGraphiQLPage(graphiqlOptions(), assets);
    expect(html).toContain('<title>X GraphQL Gateway</title>');
    expect(html).toContain('FollowersWithPinnedTweets');
    expect(html).toContain('<script src="/graphiql/assets/graphiql-0123.js"></script>');
    expect(html).toContain('<link rel="stylesheet" href="/graphiql/assets/graphiql-4567.css" />');
    expect(html).toContain('"graphql":"/graphiql/assets/graphql-worker-3.js"');
    expect(html).not.toContain('unpkg.com/');
    expect(Buffer.byteLength(html)).toBeLessThan(32 * 1024);
  });

  it('escapes the title and keeps the options from closing their script', () => {
    const html = renderGraphiQLPage({ title: '<b>&', defaultQuery: '# </script><script>alert(1)' }, assets);
    expect(html).toContain('<title>&lt;b&gt;&amp;</title>');
    expect(html).not.toContain('</script><script>alert(1)');
    expect(html).toContain('\\u003c/script>');
  });
});
