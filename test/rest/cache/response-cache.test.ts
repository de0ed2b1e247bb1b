import { describe, expect, it } from 'vitest';
import { type CachedAnswer, covers, ResponseCache } from '../../../src/rest/cache/response-cache.ts';

/** A cache on a fake clock. */
function cache(options: { ttlMs?: number; staleMs?: number; maxBytes?: number } = {}) {
  const clock = { now: 1_000_000 };
  const store = new ResponseCache({
    ttlMs: options.ttlMs ?? 60_000,
    staleMs: options.staleMs ?? 900_000,
    maxBytes: options.maxBytes ?? 1_000_000,
    now: () => clock.now,
  });
  return { store, clock };
}

/** An answer fetched at `fetchedAt` with the given user fields. */
function answer(fetchedAt: number, userFields: string[], bytes = 100): CachedAnswer {
  return {
    fields: userFields.length ? { 'user.fields': userFields } : {},
    body: { data: [] },
    fetchedAt,
    bytes,
  };
}

describe('ResponseCache', () => {
  it('serves a fresh answer whose fields cover the request', () => {
    const { store, clock } = cache();
    store.store('k', answer(clock.now, ['a', 'b']));
    expect(store.fresh('k', { 'user.fields': ['a'] })).toBeDefined();
    expect(store.fresh('k', {})).toBeDefined();
    expect(store.fresh('k', { 'user.fields': ['c'] })).toBeUndefined();
    expect(store.fresh('other', {})).toBeUndefined();
  });

  it('keeps answers with different fields side by side and replaces covered older ones', () => {
    const { store, clock } = cache();
    store.store('k', answer(clock.now, ['a']));
    store.store('k', answer(clock.now, ['b']));
    expect(store.fresh('k', { 'user.fields': ['a'] })?.fields).toEqual({ 'user.fields': ['a'] });
    clock.now += 1;
    store.store('k', answer(clock.now, ['a', 'b']));
    expect(store.sizeBytes).toBe(100 + 256);
    expect(store.fresh('k', { 'user.fields': ['b'] })?.fetchedAt).toBe(clock.now);
  });

  it('turns an answer stale after the TTL and forgets it after the stale bound', () => {
    const { store, clock } = cache({ ttlMs: 60_000, staleMs: 300_000 });
    const fetchedAt = clock.now;
    store.store('k', answer(fetchedAt, []));
    clock.now += 60_000;
    expect(store.fresh('k', {})).toBeUndefined();
    expect(store.stale('k', {})?.fetchedAt).toBe(fetchedAt);
    clock.now += 240_000;
    expect(store.stale('k', {})).toBeUndefined();
  });

  it('stays within its byte bound, evicting the least recently used', () => {
    const { store, clock } = cache({ maxBytes: 3 * (1000 + 256) });
    for (const key of ['a', 'b', 'c']) store.store(key, answer(clock.now, [], 1000));
    store.fresh('a', {});
    store.store('d', answer(clock.now, [], 1000));
    expect(store.sizeBytes).toBeLessThanOrEqual(3 * 1256);
    expect(store.fresh('b', {})).toBeUndefined();
    expect(store.fresh('a', {})).toBeDefined();
    expect(store.fresh('d', {})).toBeDefined();
  });

  it('holds nothing with a TTL of 0', () => {
    const { store, clock } = cache({ ttlMs: 0 });
    store.store('k', answer(clock.now, []));
    expect(store.fresh('k', {})).toBeUndefined();
    expect(store.stale('k', {})).toBeUndefined();
  });
});

describe('covers', () => {
  it('is true when every requested list is a subset of the held one', () => {
    expect(covers({ 'user.fields': ['a', 'b'], expansions: ['p'] }, { 'user.fields': ['b'] })).toBe(true);
    expect(covers({ 'user.fields': ['a'] }, { expansions: ['p'] })).toBe(false);
    expect(covers({}, {})).toBe(true);
  });
});
