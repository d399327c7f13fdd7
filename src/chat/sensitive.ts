/**
 * Card numbers (PANs) in evidence: 13–19 digits in a card network's range that pass the Luhn check, written with or
 * without separators (spaces, dashes, dots), wherever they stand — in a message, inside a
 * URL or an id, in a note, a file name. They are masked to the last four wherever they
 * could leave the tool: the packet's text, its metadata, every report and every line printed.
 * Adyen refuses files that show a PAN, and the PCI rules forbid keeping one. The one
 * exception is a SHA-256 in hex (64 hex digits), which is the evidence's fingerprint.
 */

/** Digits with at most one separator between two of them: a candidate, split into its groups later. */
const RUN = /\d(?:[ .\-\u00a0]?\d)*/g;
/** A SHA-256 in hex, standing alone: its digit runs are never a card. */
const SHA256 = /(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/gi;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * The card networks' number ranges (ISO/IEC 7812 issuer prefixes) and lengths: Visa, Mastercard
 * (51–55 and 2221–2720), Mir (2200–2204), American Express, Diners Club, JCB, Discover,
 * UnionPay, Maestro and RuPay. A Luhn-valid run outside them is not a card: one in ten
 * 14-digit date-times (`Screenshot_20240314-102200`) passes the Luhn check alone.
 */
const NETWORKS: readonly { prefix: RegExp; lengths: readonly number[] }[] = [
  { prefix: /^4/, lengths: [13, 16, 19] },
  { prefix: /^(?:5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/, lengths: [16] },
  { prefix: /^220[0-4]/, lengths: [16, 17, 18, 19] },
  { prefix: /^3[47]/, lengths: [15] },
  { prefix: /^3(?:0[0-5]|095|[689])/, lengths: [14, 15, 16, 17, 18, 19] },
  { prefix: /^35(?:2[89]|[3-8]\d)/, lengths: [16, 17, 18, 19] },
  { prefix: /^6(?:011|4[4-9]|5)/, lengths: [16, 17, 18, 19] },
  { prefix: /^62/, lengths: [16, 17, 18, 19] },
  { prefix: /^(?:50|5[6-9]|6)/, lengths: [13, 14, 15, 16, 17, 18, 19] },
  { prefix: /^(?:60|65|81|82|508)/, lengths: [16] },
];

/** Whether a string of 13–19 digits is a card number: in a network's range and length, Luhn-valid, and not one digit repeated (filler). */
export function isCardNumber(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19 || /^(\d)\1+$/.test(digits)) return false;
  return NETWORKS.some((n) => n.prefix.test(digits) && n.lengths.includes(digits.length)) && luhnValid(digits);
}

export interface MaskResult {
  readonly text: string;
  /** Last four digits of each masked number, in order. */
  readonly masked: readonly string[];
}

/** Where the card numbers stand in a text: [start, end) of each, in order. */
export function findCardNumbers(text: string): { start: number; end: number; last4: string }[] {
  const found: { start: number; end: number; last4: string }[] = [];
  if (!/\d/.test(text)) return found;
  const hashes: [number, number][] = [];
  for (const m of text.matchAll(SHA256)) hashes.push([m.index, m.index + m[0].length]);
  for (const m of text.matchAll(RUN)) {
    const start = m.index;
    if (hashes.some(([a, b]) => start >= a && start < b)) continue;
    found.push(...cardsInRun(m[0], start));
  }
  return found;
}

/**
 * The card numbers in one run of digits and separators. A run of 13–19 digits is checked
 * whole. A longer run with separators is checked group by group: of the runs of whole groups
 * with 13–19 digits, the longest valid one starting at each group is taken ("4000 0566 5566
 * 5556 12/25" holds a card and an expiry). A longer run without separators is an id, not a card.
 */
function cardsInRun(run: string, offset: number): { start: number; end: number; last4: string }[] {
  const digits = run.replace(/\D/g, '');
  if (digits.length < 13) return [];
  if (digits.length <= 19 && isCardNumber(digits)) return [{ start: offset, end: offset + run.length, last4: digits.slice(-4) }];
  // Each group of digits, and where its digits start in the run's digits.
  let first = 0;
  const groups = [...run.matchAll(/\d+/g)].map((g) => {
    const group = { start: g.index, end: g.index + g[0].length, digits: g[0], first };
    first += g[0].length;
    return group;
  });
  if (groups.length < 2) return [];
  const found: { start: number; end: number; last4: string }[] = [];
  for (let i = 0; i < groups.length; i++) {
    // The longest run of whole groups from i with 13–19 digits that is a card (at most 19
    // groups are looked at from each: linear in the run).
    let length = 0;
    let card: { j: number; joined: string } | undefined;
    for (let j = i; j < groups.length && length + groups[j]!.digits.length <= 19; j++) {
      length += groups[j]!.digits.length;
      if (length < 13) continue;
      const joined = digits.slice(groups[i]!.first, groups[i]!.first + length);
      if (isCardNumber(joined)) card = { j, joined };
    }
    if (!card) continue;
    found.push({ start: offset + groups[i]!.start, end: offset + groups[card.j]!.end, last4: card.joined.slice(-4) });
    i = card.j;
  }
  return found;
}

/** The text with every card number replaced by "[card ending 1234]". */
export function maskCardNumbers(text: string): MaskResult {
  const cards = findCardNumbers(text);
  if (cards.length === 0) return { text, masked: [] };
  let out = '';
  let at = 0;
  for (const card of cards) {
    out += `${text.slice(at, card.start)}[card ending ${card.last4}]`;
    at = card.end;
  }
  return { text: out + text.slice(at), masked: cards.map((c) => c.last4) };
}

/** Just the masked text. */
export const maskText = (text: string): string => maskCardNumbers(text).text;

/** A JSON-like value with every string masked (numbers and keys untouched: a byte count is no card). */
export function maskStrings<T>(value: T): T {
  if (typeof value === 'string') return maskText(value) as T;
  if (Array.isArray(value)) return value.map((v) => maskStrings(v)) as T;
  if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskStrings(v)])) as T;
  }
  return value;
}
