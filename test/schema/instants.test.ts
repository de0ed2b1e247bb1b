import { buildSchema, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { instantOf, serializeInstant, writeInstantsInResolvers } from '../../src/schema/instants.ts';

describe('serializeInstant', () => {
  it("passes X's canonical instants through unchanged", () => {
    expect(serializeInstant('2021-01-06T18:40:40.000Z')).toBe('2021-01-06T18:40:40.000Z');
  });

  it('writes other ISO 8601 forms and dates in UTC with milliseconds', () => {
    expect(serializeInstant('2021-01-06T20:40:40+02:00')).toBe('2021-01-06T18:40:40.000Z');
    expect(serializeInstant('2021-01-06T18:40:40.5Z')).toBe('2021-01-06T18:40:40.500Z');
    expect(serializeInstant(new Date(Date.UTC(2020, 1, 29)))).toBe('2020-02-29T00:00:00.000Z');
  });

  it('throws a TypeError naming a malformed instant', () => {
    for (const bad of ['not a date', '2021-13-06T18:40:40.000Z', '2021-01-06', 1609958440000, null]) {
      expect(() => serializeInstant(bad)).toThrow(TypeError);
    }
    expect(() => serializeInstant('yesterday')).toThrow('X sent a malformed instant: yesterday');
  });

  it('refuses a day its month does not have, in any form, and keeps leap days', () => {
    for (const bad of ['2021-02-29T00:00:00.000Z', '2021-02-30T00:00:00.000Z', '2021-04-31T12:00:00+02:00']) {
      expect(() => serializeInstant(bad)).toThrow(TypeError);
    }
    expect(serializeInstant('2020-02-29T00:00:00.000Z')).toBe('2020-02-29T00:00:00.000Z');
    expect(serializeInstant('2021-01-31T23:59:59Z')).toBe('2021-01-31T23:59:59.000Z');
    expect(serializeInstant('2021-12-31T23:59:59.999Z')).toBe('2021-12-31T23:59:59.999Z');
  });
});

describe('instantOf', () => {
  it('writes an instant, gives undefined for none and returns (not throws) the error of a malformed one', () => {
    expect(instantOf('2021-01-06T20:40:40+02:00')).toBe('2021-01-06T18:40:40.000Z');
    expect(instantOf(undefined)).toBeUndefined();
    expect(instantOf(null)).toBeUndefined();
    const bad = instantOf('yesterday') as unknown;
    expect(bad).toBeInstanceOf(TypeError);
    expect((bad as TypeError).message).toBe('X sent a malformed instant: yesterday');
  });
});

describe('writeInstantsInResolvers', () => {
  const schema = buildSchema(`
    scalar DateTime
    type Query { at: DateTime, later: DateTime!, never: DateTime, name: String }
  `);
  const fields = (schema.getQueryType() as GraphQLObjectType).getFields();
  const set = (name: string, value: unknown) => {
    (fields[name] as { resolve?: unknown }).resolve = () => value;
  };
  set('at', '2021-01-06T20:40:40+02:00');
  set('later', Promise.resolve('2021-01-06T18:40:40.000Z'));
  set('never', null);
  set('name', 'not an instant, not a DateTime');
  writeInstantsInResolvers(schema);
  const call = (name: string) => {
    const resolve = fields[name]?.resolve as (...args: unknown[]) => unknown;
    return resolve({}, {}, {}, {} as never);
  };

  it('makes every DateTime resolver return the written instant, sync or async', async () => {
    expect(call('at')).toBe('2021-01-06T18:40:40.000Z');
    await expect(call('later')).resolves.toBe('2021-01-06T18:40:40.000Z');
    expect(call('never')).toBeNull();
  });

  it('leaves fields of other types alone', () => {
    expect(call('name')).toBe('not an instant, not a DateTime');
  });

  it('fails in the resolver on a malformed instant, so the error keeps its original', async () => {
    set('at', 'garbage');
    set('later', Promise.resolve('garbage'));
    writeInstantsInResolvers(schema);
    expect(() => call('at')).toThrow(TypeError);
    await expect(call('later')).rejects.toThrow(TypeError);
  });
});
