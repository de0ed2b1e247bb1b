import { describe, expect, it } from 'vitest';
import { compareFollowers, pinnedCount } from '../../bench/verify.ts';
import { followersOf } from '../../bench/workload.ts';

const floorBody = JSON.stringify({
  data: [
    { id: '1', name: 'A', username: 'a', pinned_tweet_id: '10' },
    { id: '2', name: 'B', username: 'b', pinned_tweet_id: '20' },
    { id: '3', name: 'C', username: 'c' },
  ],
  includes: { tweets: [{ id: '10', text: 'ten' }] },
  errors: [{ title: 'Not Found Error', detail: 'Could not find tweet with pinned_tweet_id: [20].' }],
});

describe('followersOf', () => {
  it('joins an X body’s users with their included pinned tweets', () => {
    expect(followersOf('floor', floorBody)).toEqual([
      { id: '1', pinnedText: 'ten' },
      { id: '2', pinnedText: null },
      { id: '3', pinnedText: null },
    ]);
  });

  it('reads the Mesh peer’s answer as an X body under data.getUsersFollowers', () => {
    const body = JSON.stringify({ data: { getUsersFollowers: JSON.parse(floorBody) } });
    expect(followersOf('mesh', body)).toEqual(followersOf('floor', floorBody));
  });

  it('accepts the gateway’s partial errors on pinnedTweet and rejects any other error', () => {
    const nodes = [
      { restId: '1', pinnedTweet: { text: 'ten' } },
      { restId: '2', pinnedTweet: null },
    ];
    const data = { user: { followers: { nodes } } };
    const partial = { message: 'Not Found', path: ['user', 'followers', 'nodes', 1, 'pinnedTweet'] };
    expect(followersOf('gateway', JSON.stringify({ data, errors: [partial] }))).toEqual([
      { id: '1', pinnedText: 'ten' },
      { id: '2', pinnedText: null },
    ]);
    const fatal = { message: 'Rate limited', path: ['user', 'followers'] };
    expect(() => followersOf('gateway', JSON.stringify({ data, errors: [fatal] }))).toThrow(/Rate limited/);
  });

  it('names what is missing from a body without followers', () => {
    expect(() => followersOf('floor', '{"errors":[]}')).toThrow(/no data array/);
    expect(() => followersOf('gateway-warm', '{"data":{"user":null}}')).toThrow(/nodes/);
  });
});

describe('compareFollowers', () => {
  const reference = [
    { id: '1', pinnedText: 'ten' },
    { id: '2', pinnedText: null },
  ];

  it('finds the same followers with the same pinned texts the same', () => {
    expect(compareFollowers(reference, [...reference])).toEqual({ same: true, count: 2 });
  });

  it('names the first difference: count, order or pinned text', () => {
    expect(compareFollowers(reference, reference.slice(0, 1)).difference).toMatch(
      /1 followers where the floor has 2/,
    );
    expect(compareFollowers(reference, [...reference].reverse()).difference).toMatch(/follower 0 is 2/);
    const changed = [reference[0], { id: '2', pinnedText: 'other' }] as typeof reference;
    expect(compareFollowers(reference, changed)).toMatchObject({
      same: false,
      difference: expect.stringMatching(/2's pinned/),
    });
  });

  it('counts the followers with a pinned tweet', () => {
    expect(pinnedCount(reference)).toBe(1);
  });
});
