import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../fixtures/server-gateway.ts';

/**
 * GraphiQL in a real browser: headless Debian Chromium (installed by `.ci/run` when missing) opens
 * `/graphql` of a gateway serving from the embedded emulator, runs the example it opens with and
 * sees TwitterDev's followers in the result pane. No request may leave the gateway's origin: the
 * page's assets are served by the gateway itself, not loaded from a CDN.
 */

const CHROMIUM = '/usr/bin/chromium';

let gateway: TestGateway;
let browser: BrowserContext;
let profile: string;

beforeAll(async () => {
  gateway = await startTestGateway();
  profile = mkdtempSync(join(tmpdir(), 'graphiql-test-profile-'));
  // A fresh profile per run: nothing persisted by an earlier GraphiQL session (tabs, queries) leaks in.
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    // Tall enough for the editor to render the whole first page of results (Monaco renders only visible lines).
    viewport: { width: 1400, height: 2400 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await gateway?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('GraphiQL', () => {
  it('finds Chromium where .ci/run installs it', () => {
    expect(existsSync(CHROMIUM)).toBe(true);
  });

  it('opens with the followers example, runs it, shows follower names and offers the other examples as tabs', async () => {
    const page = browser.pages()[0] ?? (await browser.newPage());
    const origin = new URL(gateway.url).origin;
    const foreign: string[] = [];
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:')) foreign.push(url);
    });
    await page.goto(gateway.url);
    expect(await page.title()).toBe('X GraphQL Gateway');
    const run = page.locator('.graphiql-execute-button');
    await run.waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('.graphiql-query-editor').getByText('FollowersWithPinnedTweets').first().waitFor();
    await run.click();
    const result = page.locator('.graphiql-response');
    await result.getByText('"Twitter API"').first().waitFor({ timeout: 30_000 });
    // Monaco renders spaces as no-break spaces and wraps long lines: compare with whitespace collapsed.
    const text = ((await result.textContent()) ?? '').replace(/[\s\u00a0]+/g, ' ');
    for (const name of ['Twitter API', 'Twitter Dev', 'Twitter Safety', 'Twitter Moments']) {
      expect(text).toContain(`"${name}"`);
    }
    expect(text).toContain('Twitter API v2: Early Access released');
    // The README's other examples are one tab each.
    const tabs = (await page.locator('.graphiql-tab').allTextContents()).join(' ');
    for (const operation of ['UserByUsername', 'UsersByRestIds', 'NodeById', 'Viewer', 'RateLimit']) {
      expect(tabs).toContain(operation);
    }
    expect(foreign).toEqual([]);
    await page.close();
  }, 60_000);
});
