import { describe, expect, it } from 'vitest';
import { findCardNumbers, maskCardNumbers, maskStrings, maskText } from '../../src/chat/sensitive.js';

describe('card numbers are masked wherever they stand', () => {
  it('with spaces, dashes, dots or no separators', () => {
    expect(maskText('card 4242 4242 4242 4242 ok')).toBe('card [card ending 4242] ok');
    expect(maskText('card 4242-4242-4242-4242')).toBe('card [card ending 4242]');
    expect(maskText('Discover 6011.1111.1111.1117.')).toBe('Discover [card ending 1117].');
    expect(maskText('4111111111111111')).toBe('[card ending 1111]');
    expect(maskText('amex 3782 822463 10005')).toBe('amex [card ending 0005]');
  });

  it('inside URLs, ids and file names', () => {
    expect(maskText('https://pay.example/checkout?card=4000056655665556&cvc=123')).toBe('https://pay.example/checkout?card=[card ending 5556]&cvc=123');
    expect(maskText('receipt-4000056655665556.png')).toBe('receipt-[card ending 5556].png');
    expect(maskText('id4000056655665556x')).toBe('id[card ending 5556]x');
  });

  it('finds the card in a longer run of groups, and leaves the rest', () => {
    expect(maskText('4000 0566 5566 5556 12 25')).toBe('[card ending 5556] 12 25');
    expect(maskText('call 0044 20 4000 0566 5566 5556')).toMatch(/\[card ending 5556\]/);
    // Groups of four before it, written alike, make one longer number: a tracking number.
    expect(maskText('Tracking 9205 5901 2345 6789 0123 45')).toBe('Tracking 9205 5901 2345 6789 0123 45');
    expect(maskText('exp 12/2027 4000 0566 5566 5556')).toBe('exp 12/2027 [card ending 5556]');
  });

  it('leaves SHA-256 hashes, long ids, short numbers, filler and non-Luhn numbers', () => {
    // A SHA-256 whose digits hold a Luhn-valid 16-digit run.
    const sha = `ab${'4242424242424242'}${'c'.repeat(46)}`;
    expect(sha).toHaveLength(64);
    expect(maskText(`sha256 ${sha}`)).toBe(`sha256 ${sha}`);
    expect(findCardNumbers(`x ${'4242424242424242'}${'c'.repeat(50)}`)).toHaveLength(1);
    expect(maskText('order 1234567890123456789012345')).toBe('order 1234567890123456789012345');
    expect(maskText('+44 7700 900123, 2024-03-14 10:22')).toBe('+44 7700 900123, 2024-03-14 10:22');
    expect(maskText('0000 0000 0000 0000')).toBe('0000 0000 0000 0000');
    expect(maskText('4242 4242 4242 4241')).toBe('4242 4242 4242 4241');
  });

  it('says which it masked, by their last four digits only', () => {
    expect(maskCardNumbers('a 4242424242424242 b 6011111111111117').masked).toEqual(['4242', '1117']);
  });

  it('masks every string of a report, and no number or key', () => {
    expect(maskStrings({ file: 'card-4111111111111111.png', bytes: 4111111111111111, list: ['4111 1111 1111 1111'] })).toEqual({
      file: 'card-[card ending 1111].png',
      bytes: 4111111111111111,
      list: ['[card ending 1111]'],
    });
  });

  it('reads a long line of digit groups in one pass', () => {
    const line = '1 '.repeat(200_000);
    expect(maskText(line)).toBe(line);
  });
});
