import { describe, expect, it } from 'vitest';
import { InFlightCalls } from '../../../src/rest/cache/in-flight-calls.ts';

/** A call whose answer the test gives when it likes. */
function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  let reject: (error: unknown) => void = () => {};
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

const FIELDS = { 'user.fields': ['name'] };

describe('InFlightCalls', () => {
  it('releases a value once every caller, joiners included, has resumed with it', async () => {
    const released: { body: string }[] = [];
    const calls = new InFlightCalls<{ body: string }>({ release: (value) => released.push(value) });
    const call = deferred<{ body: string }>();
    const seen: string[] = [];
    const read = async () => {
      const { promise } = calls.run('key', FIELDS, () => call.promise);
      const { body } = await promise;
      seen.push(body);
      expect(released).toEqual([]);
    };
    const readers = [read(), read(), read()];
    expect(calls.size).toBe(1);
    const value = { body: 'page' };
    call.resolve(value);
    await Promise.all(readers);
    expect(seen).toEqual(['page', 'page', 'page']);
    await Promise.resolve();
    expect(released).toEqual([value]);
    expect(calls.size).toBe(0);
  });

  it('does not release a call that failed, and passes its error to every caller', async () => {
    const released: unknown[] = [];
    const calls = new InFlightCalls<string>({ release: (value) => released.push(value) });
    const call = deferred<string>();
    const first = calls.run('key', FIELDS, () => call.promise);
    const second = calls.run('key', FIELDS, () => Promise.resolve('unused'));
    expect(second.joined).toBe(true);
    call.reject(new Error('X failed'));
    await expect(first.promise).rejects.toThrow('X failed');
    await expect(second.promise).rejects.toThrow('X failed');
    await new Promise((resolve) => setImmediate(resolve));
    expect(released).toEqual([]);
  });

  it('starts a new call once the last one settled', async () => {
    const calls = new InFlightCalls<string>();
    await calls.run('key', FIELDS, () => Promise.resolve('one')).promise;
    const again = calls.run('key', FIELDS, () => Promise.resolve('two'));
    expect(again.joined).toBe(false);
    expect(await again.promise).toBe('two');
  });
});
