import { describe, expect, it } from 'vitest';
import { nextUtcMidnight, SpendLedger, utcDay } from '../../../src/rest/billing/spend-ledger.ts';

const none = { users: [], follows: [], posts: [] };

describe('SpendLedger', () => {
  it('bills a resource once per UTC day and kind', () => {
    const ledger = new SpendLedger({ now: () => Date.parse('2026-03-01T10:00:00Z') });
    expect(ledger.record({ ...none, follows: ['1', '2'], posts: ['9'] })).toEqual({
      users: 0,
      follows: 2,
      posts: 1,
    });
    // The same users as follows again are free; as a user lookup they are a new kind of read.
    expect(ledger.record({ ...none, follows: ['2', '3'], users: ['1'] })).toEqual({
      users: 1,
      follows: 1,
      posts: 0,
    });
    expect(ledger.todayLocal()).toEqual({ day: '2026-03-01', billed: { users: 1, follows: 3, posts: 1 } });
  });

  it('starts afresh at UTC midnight', () => {
    let now = Date.parse('2026-03-01T23:59:59Z');
    const ledger = new SpendLedger({ now: () => now });
    ledger.record({ ...none, follows: ['1'] });
    now += 1000;
    expect(ledger.record({ ...none, follows: ['1'] })).toMatchObject({ follows: 1 });
    expect(ledger.todayLocal()).toEqual({ day: '2026-03-02', billed: { users: 0, follows: 1, posts: 0 } });
  });

  it('starts afresh exactly at midnight and when the clock goes back to an earlier day', () => {
    let now = Date.parse('2026-03-01T12:00:00Z');
    const ledger = new SpendLedger({ now: () => now });
    ledger.record({ ...none, follows: ['1'] });
    now = Date.parse('2026-03-01T23:59:59.999Z');
    expect(ledger.record({ ...none, follows: ['1'] })).toMatchObject({ follows: 0 });
    now = Date.parse('2026-03-02T00:00:00.000Z');
    expect(ledger.todayLocal()).toEqual({ day: '2026-03-02', billed: { users: 0, follows: 0, posts: 0 } });
    expect(ledger.record({ ...none, follows: ['1'] })).toMatchObject({ follows: 1 });
    now = Date.parse('2026-02-28T08:00:00Z');
    expect(ledger.todayLocal()).toEqual({ day: '2026-02-28', billed: { users: 0, follows: 0, posts: 0 } });
    expect(ledger.record({ ...none, follows: ['1'] })).toMatchObject({ follows: 1 });
  });

  it('counts resources past its bound as billed every time (erring high)', () => {
    const ledger = new SpendLedger({ maxEntries: 2 });
    ledger.record({ ...none, follows: ['1', '2'] });
    expect(ledger.record({ ...none, follows: ['1', '3'] })).toMatchObject({ follows: 1 });
    expect(ledger.record({ ...none, follows: ['3'] })).toMatchObject({ follows: 1 });
    expect(ledger.todayLocal().billed.follows).toBe(4);
  });

  it('names the UTC day and the next UTC midnight', () => {
    expect(utcDay(Date.parse('2026-03-01T23:30:00-05:00'))).toBe('2026-03-02');
    expect(nextUtcMidnight(Date.parse('2026-12-31T12:00:00Z')).toISOString()).toBe(
      '2027-01-01T00:00:00.000Z',
    );
  });
});
