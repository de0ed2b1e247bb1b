import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_OPERATIONS, graphiqlOptions, renderOfflineGraphiQL } from '../../src/plugins/graphiql.ts';

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

describe('renderOfflineGraphiQL', () => {
  it('inlines its assets instead of loading them from a CDN', async () => {
    const html = await renderOfflineGraphiQL(graphiqlOptions());
    expect(html).toContain('<title>X GraphQL Gateway</title>');
    expect(html).toContain('FollowersWithPinnedTweets');
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+rel="stylesheet"/);
    expect(html).not.toContain('unpkg.com/');
  });

  it('reuses the rendering while the options stay the same', async () => {
    const options = graphiqlOptions();
    expect(await renderOfflineGraphiQL(options)).toBe(await renderOfflineGraphiQL({ ...options }));
    expect(await renderOfflineGraphiQL({ ...options, title: 'Other' })).toContain('<title>Other</title>');
  });
});
