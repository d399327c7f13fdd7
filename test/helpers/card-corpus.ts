/**
 * Seeded corpora for the card-number detector: card numbers written every way people and
 * tools write them, and numbers of real shapes that are not card numbers. The same seed
 * gives the same corpus, so a failure names a case that can be run again.
 */

import { seeded } from './seeded.js';

export { seeded };

export type Random = () => number;
const pick = <T>(r: Random, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
const digits = (r: Random, n: number): string => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
const int = (r: Random, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

function luhnDigit(body: string): string {
  let sum = 0;
  for (let i = body.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = body.charCodeAt(i) - 48;
    if (double) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** Networks' prefixes and lengths (Visa, Mastercard both ranges, Mir, Amex, Diners, JCB, Discover, UnionPay, Maestro, RuPay). */
const NETWORKS: readonly { prefixes: readonly string[]; lengths: readonly number[] }[] = [
  { prefixes: ['4'], lengths: [13, 16, 19] },
  { prefixes: ['51', '53', '55', '2221', '2500', '2720'], lengths: [16] },
  { prefixes: ['2200', '2204'], lengths: [16, 17, 18, 19] },
  { prefixes: ['34', '37'], lengths: [15] },
  { prefixes: ['36', '38', '300', '305'], lengths: [14] },
  { prefixes: ['3528', '3589'], lengths: [16, 17, 18, 19] },
  { prefixes: ['6011', '644', '65'], lengths: [16, 19] },
  { prefixes: ['62'], lengths: [16, 17, 18, 19] },
  { prefixes: ['50', '56', '58', '67'], lengths: [13, 14, 15, 17, 18, 19] },
];

/** A Luhn-valid card number of a network's range and length. */
export function cardNumber(r: Random): string {
  const network = pick(r, NETWORKS);
  const prefix = pick(r, network.prefixes);
  const length = pick(r, network.lengths);
  let body = prefix + digits(r, length - prefix.length - 1);
  // Not one digit repeated (filler is not a card).
  if (/^(\d)\1+$/.test(body)) body = `${prefix}${'1'.repeat(length - prefix.length - 2)}2`;
  return body + luhnDigit(body);
}

/** How cards print: 4-6-5 (Amex), 4-6-4 (Diners), fours otherwise. */
export function cardGroups(pan: string): string[] {
  if (pan.length === 15 || pan.length === 14) return [pan.slice(0, 4), pan.slice(4, 10), pan.slice(10)];
  return pan.match(/.{1,4}/g)!;
}

export const SEPARATORS: readonly string[] = [
  ' ',
  '-',
  '.',
  ' - ',
  '/',
  '_',
  '\u2013',
  '\u2014',
  ' \u2013 ',
  '\u2009',
  '\u202f',
  '\u2007',
  '\u3000',
  '\u00a0',
  '\u00ad',
  '\u2010',
  '\uff0d',
];

/** Zeros of digit sets besides ASCII: full-width, Arabic-Indic, Persian, Devanagari, Bengali, Thai, Tibetan, Myanmar, mathematical bold (outside the BMP). */
export const DIGIT_ZEROS: readonly number[] = [0xff10, 0x0660, 0x06f0, 0x0966, 0x09e6, 0x0e50, 0x0f20, 0x1040, 0x1d7ce];

export const inDigitSet = (text: string, zero: number): string => text.replace(/\d/g, (d) => String.fromCodePoint(zero + Number(d)));

/** Every decimal digit of the text as ASCII, whatever its script: what a reader (or a scanner) could take from it. */
export const asciiDigits = (text: string): string =>
  [...text]
    .filter((c) => /\p{Nd}/u.test(c))
    .map((c) => {
      let zero = c.codePointAt(0)!;
      while (/\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero--;
      return String((c.codePointAt(0)! - zero) % 10);
    })
    .join('');

export const LINE_BREAKS: readonly string[] = ['\n', '\r\n', '<br>', '<br/>', '<br />', '\n> '];

/** A card written one way, in a context: [text, the card's digits]. */
export function writtenCard(r: Random): { text: string; pan: string; how: string } {
  const pan = cardNumber(r);
  const separator = r() < 0.15 ? '' : pick(r, SEPARATORS);
  let written = cardGroups(pan).join(separator);
  const how: string[] = [`sep ${JSON.stringify(separator)}`];
  if (r() < 0.3) {
    const zero = pick(r, DIGIT_ZEROS);
    written = inDigitSet(written, zero);
    how.push(`digits U+${zero.toString(16)}`);
  }
  if (r() < 0.3) {
    // Cut over two lines somewhere inside: a wrapped line, a multi-line message, a <br>.
    const chars = [...written];
    const at = int(r, 2, chars.length - 2);
    const cut = pick(r, LINE_BREAKS);
    written = chars.slice(0, at).join('') + cut + chars.slice(at).join('');
    how.push(`cut ${JSON.stringify(cut)}`);
  }
  const context = pick(r, [
    (c: string) => `My card is ${c}, exp 12/27`,
    (c: string) => `${c}`,
    (c: string) => `https://pay.example/checkout?card=${c}&cvc=123`,
    (c: string) => `Paid with ${c} yesterday.`,
    (c: string) => `カード番号：${c}です`,
    (c: string) => `कार्ड ${c} से भुगतान`,
  ]);
  return { text: context(written), pan, how: how.join(', ') };
}

function ibanOf(country: string, bban: string): string {
  const moved = `${bban}${country}00`;
  let rest = 0;
  for (const char of moved) {
    const value = char >= 'A' ? char.charCodeAt(0) - 55 : char.charCodeAt(0) - 48;
    rest = (value > 9 ? rest * 100 + value : rest * 10 + value) % 97;
  }
  const check = String(98 - rest).padStart(2, '0');
  return `${country}${check}${bban}`.match(/.{1,4}/g)!.join(' ');
}

const hex = (r: Random, n: number): string => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(r() * 16)]).join('');
const fraction = (r: Random, n: number): string => digits(r, n - 1) + String(int(r, 1, 9));

/** Shapes of numbers that are not card numbers, each generated from the seed: [kind, text]. */
export const NOT_CARDS: readonly [string, (r: Random) => string][] = [
  ['decimal', (r) => `${int(r, 0, 999)}.${fraction(r, int(r, 12, 17))}`],
  ['decimal, comma', (r) => `${int(r, 0, 99)},${fraction(r, int(r, 12, 16))}`],
  ['google maps', (r) => `https://maps.google.com/?q=${int(r, -89, 89)}.${fraction(r, 14)},${int(r, -179, 179)}.${fraction(r, 13)}`],
  ['apple maps', (r) => `https://maps.apple.com/?ll=${int(r, 10, 89)}.${fraction(r, 15)},-${int(r, 0, 179)}.${fraction(r, 15)}&q=Dropped%20Pin`],
  ['geo uri', (r) => `geo:${int(r, 10, 89)}.${fraction(r, 16)},${int(r, 10, 179)}.${fraction(r, 16)}`],
  ['amount, thousands', (r) => `$${int(r, 1, 999)},${digits(r, 3)},${digits(r, 3)},${digits(r, 3)},${digits(r, 3)}.${digits(r, 2)}`],
  ['amount, dotted thousands', (r) => `€ ${int(r, 1, 999)}.${digits(r, 3)}.${digits(r, 3)}.${digits(r, 3)}.${digits(r, 3)},${digits(r, 2)}`],
  ['amount, spaced thousands', (r) => `${int(r, 1, 999)} ${digits(r, 3)} ${digits(r, 3)} ${digits(r, 3)} ${digits(r, 3)} ₽`],
  ['amazon order', (r) => `Order #${int(r, 111, 114)}-${digits(r, 7)}-${digits(r, 7)}`],
  ['ebay order', (r) => `${digits(r, 2)}-${digits(r, 5)}-${digits(r, 5)}`],
  ['usps tracking, grouped', (r) => `9400 ${digits(r, 4)} ${digits(r, 4)} ${digits(r, 4)} ${digits(r, 4)} ${digits(r, 2)}`],
  ['usps tracking', (r) => `92${digits(r, 20)}`],
  ['ups tracking', (r) => `1Z${hex(r, 6).toUpperCase()}${digits(r, 10)}`],
  ['fedex tracking', (r) => `${pick(r, ['7', '6'])}${digits(r, 11)}`],
  ['royal mail', (r) => `${pick(r, ['AB', 'RR', 'LX'])}${digits(r, 9)}GB`],
  ['iban DE', (r) => ibanOf('DE', digits(r, 18))],
  ['iban FR', (r) => ibanOf('FR', digits(r, 23))],
  ['iban GB', (r) => ibanOf('GB', `${pick(r, ['NWBK', 'BARC', 'MIDL'])}${digits(r, 14)}`)],
  ['iban NL', (r) => ibanOf('NL', `${pick(r, ['ABNA', 'INGB', 'RABO'])}${digits(r, 10)}`)],
  ['phone E.164', (r) => `+${pick(r, ['44', '49', '33', '1', '91', '86', '7', '55'])}${digits(r, 10)}`],
  ['phone spaced', (r) => `+${pick(r, ['44 20', '49 30', '33 1', '91 98'])} ${digits(r, 4)} ${digits(r, 4)}`],
  ['phone US', (r) => `(${int(r, 201, 989)}) ${digits(r, 3)}-${digits(r, 4)}`],
  ['phone RU', (r) => `+7 (${int(r, 900, 999)}) ${digits(r, 3)}-${digits(r, 2)}-${digits(r, 2)}`],
  ['phone national', (r) => `0${int(r, 7000, 7999)} ${digits(r, 6)}`],
  ['unix seconds', (r) => `${int(r, 1_000_000_000, 1_999_999_999)}`],
  ['unix millis', (r) => `${int(r, 1_000_000_000, 1_999_999_999)}${digits(r, 3)}`],
  ['unix micros', (r) => `${int(r, 1_000_000_000, 1_999_999_999)}${digits(r, 6)}`],
  ['iso instant', (r) => `2024-0${int(r, 1, 9)}-1${int(r, 0, 9)}T1${int(r, 0, 9)}:${int(r, 10, 59)}:${int(r, 10, 59)}.${digits(r, 9)}Z`],
  ['date-time', (r) => `1${int(r, 0, 9)}/0${int(r, 1, 9)}/2024 ${int(r, 10, 23)}:${int(r, 10, 59)}:${int(r, 10, 59)}`],
  ['object id', (r) => `id ${hex(r, 24)}`],
  ['sha-1', (r) => `commit ${hex(r, 40)}`],
  ['sha-256', (r) => `sha256:${hex(r, 64)}`],
  ['uuid', (r) => `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)}`],
  ['ipv4 and port', (r) => `${int(r, 1, 255)}.${int(r, 0, 255)}.${int(r, 0, 255)}.${int(r, 0, 255)}:${int(r, 1024, 65535)}`],
  ['version', (r) => `v${int(r, 1, 20)}.${int(r, 0, 99)}.${int(r, 0, 999)}.${digits(r, 8)}`],
  ['screenshot name', (r) => `Screenshot_2024${digits(r, 4)}-${digits(r, 6)}.png`],
  ['invoice', (r) => `INV-${int(r, 2019, 2025)}-${digits(r, 6)}`],
];
