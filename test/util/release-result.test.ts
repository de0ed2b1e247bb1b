import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { releaseResult } from '../../src/util/release-result.ts';

describe('releaseResult', () => {
  it('cuts every object and list out of the result, lists emptied in place, through aliases and fragments', () => {
    const document = parse(`
      query Q {
        user(restId: "1") {
          name
          fans: followers(first: 2) { nodes { ...Who pinnedTweet { text } } pageInfo { hasNextPage } }
        }
      }
      fragment Who on User { restId ... on User { username } }
    `);
    const pinned = { text: 'hi' };
    const first = { restId: '2', username: 'two', pinnedTweet: pinned };
    const second = { restId: '3', username: 'three', pinnedTweet: null };
    const nodes = [first, second];
    const user = { name: 'One', fans: { nodes, pageInfo: { hasNextPage: true } } };
    const data: Record<string, unknown> = { user };
    releaseResult(data, document, 'Q');
    expect(data).toEqual({ user: null });
    expect(user).toEqual({ name: 'One', fans: null });
    expect(nodes).toEqual([]);
    // Items are emptied too (they may be old when a later call was waited for), leaves left in place.
    expect(first).toEqual({ restId: '2', username: 'two', pinnedTweet: null });
    expect(pinned).toEqual({ text: 'hi' });
  });

  it('never enters or clears a leaf value, such as a JSON value passed through from X', () => {
    const document = parse('{ tweet(restId: "1") { media { mediaMetadata } } }');
    const metadata = { width: 640, variants: [{ url: 'https://x.test/v.mp4' }] };
    const media = [{ mediaMetadata: metadata }];
    const data: Record<string, unknown> = { tweet: { media } };
    releaseResult(data, document);
    expect(media).toEqual([]);
    expect(metadata).toEqual({ width: 640, variants: [{ url: 'https://x.test/v.mp4' }] });
  });

  it('leaves the result alone when the operation is not in the document', () => {
    const data: Record<string, unknown> = { user: { name: 'One' } };
    releaseResult(data, parse('query A { user { name } } query B { user { name } }'));
    expect(data).toEqual({ user: { name: 'One' } });
  });
});
