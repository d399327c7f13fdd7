import { describe, expect, it } from 'vitest';
import { maskCardNumbers } from '../../src/chat/sensitive.js';
import {
  asciiDigits,
  cardGroups,
  cardNumber,
  DIGIT_ZEROS,
  inDigitSet,
  LINE_BREAKS,
  NOT_CARDS,
  seeded,
  SEPARATORS,
  writtenCard,
} from '../helpers/card-corpus.js';

function expectMasked(text: string, pan: string, how: string): void {
  const { text: out, masked } = maskCardNumbers(text);
  expect([how, text, masked]).toEqual([how, text, [pan.slice(-4)]]);
  // No run of the card's digits is left to read, in any digit set.
  expect([how, asciiDigits(out).includes(pan.slice(0, -4))]).toEqual([how, false]);
}

/** Numbers of real shapes, written by hand beside the generated ones. */
const HAND_WRITTEN: readonly string[] = [
  'https://maps.google.com/?q=51.50214569326172,-0.1195068359375',
  'Location: https://maps.google.com/?q=40.689249400000006,-74.04450039999999',
  'pi = 3.141592653589793, e = 2.718281828459045',
  '0.30000000000000004',
  'Total: $1,234,567.89 (USD 1234567.89)',
  'Betrag: 4.250,00 €; 12.345.678,90 € gesamt',
  'IBAN DE89 3704 0044 0532 0130 00',
  'IBAN: GB82 WEST 1234 5698 7654 32',
  'FR14 2004 1010 0505 0001 3M02 606',
  'Call +44 20 7946 0958 or +1 (415) 555-0132',
  '+4915123456789',
  '+7 (495) 123-45-67',
  'created 1710411753, updated 1710411753123',
  '2024-03-14T10:22:33.123456789Z',
  '14.03.2024 10:22:33',
  'Order #113-4567890-1234567 shipped',
  'eBay order 12-34567-89012',
  'Tracking 9400 1000 0000 0000 0000 00',
  'Tracking 9205 5901 2345 6789 0123 45',
  'UPS 1Z999AA10123456784',
  'ObjectId("507f1f77bcf86cd799439011")',
  'git 4b825dc642cb6eb9a060e54bf8d69288fbee4904',
  'request 550e8400-e29b-41d4-a716-446655440000',
  'Screenshot_20240314-102200.png',
  'Version 10.0.19045.4170',
  'ISBN 978-3-16-148410-0',
];

describe('the card-number corpus: every card masked', () => {
  it('masks 1,000 Luhn-valid numbers of 13–19 digits, written with every separator, digit set and line cut', () => {
    const r = seeded(20261206);
    for (let n = 0; n < 1000; n++) {
      const { text, pan, how } = writtenCard(r);
      expectMasked(text, pan, how);
    }
  });

  it('masks a card with each separator, in each digit set, and cut over two lines by each break', () => {
    const r = seeded(37);
    for (const separator of SEPARATORS) {
      const pan = cardNumber(r);
      expectMasked(`card ${cardGroups(pan).join(separator)} ok`, pan, `separator ${JSON.stringify(separator)}`);
    }
    for (const zero of DIGIT_ZEROS) {
      const pan = cardNumber(r);
      expectMasked(`card ${inDigitSet(cardGroups(pan).join(' '), zero)}`, pan, `digits from U+${zero.toString(16)}`);
      expectMasked(inDigitSet(pan, zero), pan, `ungrouped digits from U+${zero.toString(16)}`);
    }
    for (const cut of LINE_BREAKS) {
      const pan = cardNumber(r);
      const groups = cardGroups(pan);
      expectMasked(`card ${groups.slice(0, 2).join(' ')}${cut}${groups.slice(2).join(' ')} thanks`, pan, `cut between groups by ${JSON.stringify(cut)}`);
      expectMasked(`my card is ${pan.slice(0, 9)}${cut}${pan.slice(9)} thanks`, pan, `cut inside by ${JSON.stringify(cut)}`);
    }
  });
});

describe('the not-a-card corpus: numbers of real shapes stay as written', () => {
  it('leaves at least 200 generated numbers of real shapes, and the hand-written ones, unmasked', () => {
    const r = seeded(35);
    const corpus: [string, string][] = HAND_WRITTEN.map((t) => ['hand-written', t]);
    for (let round = 0; round < 8; round++) for (const [kind, make] of NOT_CARDS) corpus.push([kind, make(r)]);
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    const masked = corpus.filter(([, text]) => maskCardNumbers(text).masked.length > 0);
    expect(masked).toEqual([]);
  });

  it('keeps a card beside such numbers masked: a coordinate and a card in one message', () => {
    const text = 'Meet at https://maps.google.com/?q=51.50214569326172,-0.1195068359375 and pay with 4000 0566 5566 5556';
    expect(maskCardNumbers(text).text).toBe('Meet at https://maps.google.com/?q=51.50214569326172,-0.1195068359375 and pay with [card ending 5556]');
  });
});
