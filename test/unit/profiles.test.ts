import { describe, expect, it } from 'vitest';
import { findProfile, parseSize, resolveLimits } from '../../src/budget/profiles.js';

describe('parseSize', () => {
  it.each([
    ['4.5MB', 4_500_000],
    ['4.5 mb', 4_500_000],
    ['900KB', 900_000],
    ['2MiB', 2 * 1024 * 1024],
    ['2000000', 2_000_000],
  ])('%s', (text, bytes) => expect(parseSize(text)).toBe(bytes));
  it.each(['', 'big', '-1MB', '0', '4.5 TB'])('rejects %j', (text) => expect(parseSize(text)).toBeUndefined());
});

describe('resolveLimits', () => {
  const stripe = findProfile('stripe')!;
  it('uses the profile, tightened by the network', () => {
    expect(resolveLimits(stripe, {})).toEqual({ profile: 'stripe', maxBytes: 4_500_000, maxPages: 49, blackAndWhite: false, files: 'one' });
    expect(resolveLimits(stripe, { network: 'mastercard' }).maxPages).toBe(19);
  });
  it('lets flags override', () => {
    expect(resolveLimits(stripe, { network: 'mastercard', maxPages: 80, maxBytes: 1000 })).toMatchObject({ maxPages: 80, maxBytes: 1000 });
    expect(resolveLimits(findProfile('generic')!, {})).toEqual({ profile: 'generic', blackAndWhite: false, files: 'several' });
  });
});
