import { idSpans, originalIndex, readDigits } from './card-text.js';

/**
 * Card numbers (PANs) in evidence: 13–19 digits in a card network's range that pass the Luhn
 * check, wherever they stand — in a message, inside a URL or an id, in a note, a file name —
 * in any digit set, and written as people write them: whole, or in the groups cards print
 * (4-4-4-4, 4-6-5 …) split by spaces of any width, dashes, dots, slashes or underscores, or
 * over two lines. They are masked to the last four wherever they could leave the tool: the
 * packet's text, its metadata, every report and every line printed. Adyen refuses files that
 * show a PAN, and the PCI rules forbid keeping one. What is not a card stays as written: a
 * decimal or a map coordinate, an amount, a phone number, an IBAN, a hex id or a UUID.
 */

const SPACE = '[ \\t\\u00a0\\u1680\\u2000-\\u200a\\u202f\\u205f\\u3000]';
const PUNCT = '[-./_\\u2010-\\u2015\\u2212\\ufe58\\ufe63\\uff0d\\uff0e\\uff0f\\uff3f]';
/** A line break, as text (a multi-line message, a hard-wrapped email, with its quote marks) or as HTML. */
const BREAK = `(?:\\r\\n|\\r|\\n|<br\\s*/?>)${SPACE}{0,3}(?:>+${SPACE}{0,3})?`;
/** Spaces; or one mark, one break, or both, with spaces around. */
const SEPARATOR = `(?:${SPACE}{0,3}(?:${PUNCT}${SPACE}{0,3}(?:${BREAK})?|${BREAK}(?:${PUNCT}${SPACE}{0,3})?)|${SPACE}{1,3})`;
const BREAK_TEXT = /\r\n|\r|\n|<br\s*\/?>|>/g;
/** Digits with a separator between groups of them: a candidate, split into its groups later. */
const RUN = new RegExp(`\\d+(?:${SEPARATOR}\\d+)*`, 'g');

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
  // Every network's range starts with one of these digits: most runs stop here.
  if (digits.length < 13 || digits.length > 19 || !'234568'.includes(digits[0]!) || isOneDigit(digits)) return false;
  return NETWORKS.some((n) => n.prefix.test(digits) && n.lengths.includes(digits.length)) && luhnValid(digits);
}

function isOneDigit(digits: string): boolean {
  for (let k = 1; k < digits.length; k++) if (digits.charCodeAt(k) !== digits.charCodeAt(0)) return false;
  return true;
}

export interface MaskResult {
  readonly text: string;
  /** Last four digits of each masked number, in order. */
  readonly masked: readonly string[];
}

type Found = { start: number; end: number; last4: string };

/** Where the card numbers stand in a text: [start, end) of each, in order. */
export function findCardNumbers(text: string): Found[] {
  const found: Found[] = [];
  if (!/\p{Nd}/u.test(text)) return found;
  const digits = readDigits(text);
  // Ids are looked for only in a text that holds a candidate: most texts hold none.
  let ids: [number, number][] | undefined;
  for (const m of digits.text.matchAll(RUN)) {
    for (const card of cardsInRun(digits.text, m[0], m.index)) {
      ids ??= idSpans(digits.text);
      if (ids.some(([a, b]) => card.start < b && card.end > a)) continue;
      found.push({ start: originalIndex(digits, card.start), end: originalIndex(digits, card.end), last4: card.last4 });
    }
  }
  return found;
}

interface Group {
  readonly start: number;
  readonly end: number;
  readonly digits: string;
  /** How the separator after it is written: 'space', a punctuation mark, or 'break'; and whether it is a bare mark (`51.5`). */
  readonly next?: { kind: string; bare: boolean };
}

function kindOf(separator: string): { kind: string; bare: boolean } {
  const rest = separator.replace(BREAK_TEXT, '');
  const mark = /[^\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/.exec(rest)?.[0];
  // A line break alone may cut a group or stand for its separator; beside a mark, the mark says which.
  if (!mark) return { kind: rest === separator ? 'space' : 'break', bare: false };
  const kind = /[.\uff0e]/.test(mark) ? '.' : /[/\uff0f]/.test(mark) ? '/' : /[_\uff3f]/.test(mark) ? '_' : '-';
  return { kind, bare: separator.length === 1 };
}

function groupsOf(run: string, offset: number): Group[] {
  const parts = [...run.matchAll(/\d+/g)];
  return parts.map((g, k) => {
    const after = parts[k + 1];
    const end = g.index + g[0].length;
    return { start: offset + g.index, end: offset + end, digits: g[0], ...(after ? { next: kindOf(run.slice(end, after.index)) } : {}) };
  });
}

/**
 * The card numbers in one run of digit groups: from each group, the longest run of whole
 * groups that is a card (at most 19 digits, so linear in the run). "4000 0566 5566 5556 12/25"
 * holds a card and an expiry.
 */
function cardsInRun(text: string, run: string, offset: number): Found[] {
  if (run.length < 13) return [];
  const groups = groupsOf(run, offset);
  const found: Found[] = [];
  const phone = text[offset - 1] === '+' && run.replace(/\D/g, '').length <= 15;
  for (let i = 0; i < groups.length && !phone; i++) {
    // No network's range starts with 0, 1, 7 or 9: no card starts at this group.
    if (!'234568'.includes(groups[i]!.digits[0]!)) continue;
    let card: { j: number; digits: string } | undefined;
    let digits = '';
    for (let j = i; j < groups.length && digits.length + groups[j]!.digits.length <= 19; j++) {
      digits += groups[j]!.digits;
      if (digits.length >= 13 && isCardNumber(digits) && isWrittenAsCard(text, groups, i, j)) card = { j, digits };
    }
    if (!card) continue;
    found.push({ start: groups[i]!.start, end: groups[card.j]!.end, last4: card.digits.slice(-4) });
    i = card.j;
  }
  return found;
}

/**
 * Whether groups i..j are written the way cards are: one kind of separator between them (a
 * line break may stand for one, or cut a group in two), in a card's grouping (fours, with a
 * shorter last group; 4-6-5 or 4-6-4), and not part of a longer number written with dots or
 * commas (a decimal such as a map coordinate, `51.50214569326172`, or a dotted id).
 */
function isWrittenAsCard(text: string, groups: readonly Group[], i: number, j: number): boolean {
  const kinds = new Set<string>();
  let cut = -1;
  for (let k = i; k < j; k++) {
    const kind = groups[k]!.next!.kind;
    if (kind !== 'break') kinds.add(kind);
    else if (cut >= 0) return false;
    else cut = k;
  }
  if (kinds.size > 1) return false;
  const lengths = groups.slice(i, j + 1).map((g) => g.digits.length);
  const grouped =
    isCardGrouping(lengths) ||
    (cut >= 0 && isCardGrouping([...lengths.slice(0, cut - i), lengths[cut - i]! + lengths[cut - i + 1]!, ...lengths.slice(cut - i + 2)]));
  if (!grouped) return false;
  // Dots and commas bind a number to its neighbours: a decimal, a coordinate, a dotted id.
  const dotted = kinds.size === 0 || kinds.has('.');
  const before = i > 0 ? groups[i - 1]!.next! : undefined;
  const after = groups[j]!.next;
  if (before && isLongerGroupedNumber(groups, i, kinds)) return false;
  if (dotted && ((before?.kind === '.' && before.bare) || (after?.kind === '.' && after.bare))) return false;
  const start = groups[i]!.start;
  const end = groups[j]!.end;
  if (dotted && /[.,]/.test(text[start - 1] ?? '') && /\d/.test(text[start - 2] ?? '')) return false;
  if (dotted && /[.,]/.test(text[end] ?? '') && /\d/.test(text[end + 1] ?? '')) return false;
  return true;
}

/**
 * Whether every group before group i, back to the start of its run, is a group of four written
 * the way the candidate's groups are: then the whole is one longer number (a tracking number
 * such as USPS's 9400 1000 …), not a card after something. "exp 12/2027 4000 0566 …" is not.
 */
function isLongerGroupedNumber(groups: readonly Group[], i: number, kinds: ReadonlySet<string>): boolean {
  for (let k = 0; k < i; k++) {
    const next = groups[k]!.next!;
    if (groups[k]!.digits.length !== 4 || next.kind === 'break' || !kinds.has(next.kind)) return false;
  }
  return true;
}

function isCardGrouping(lengths: readonly number[]): boolean {
  if (lengths.length === 1) return true;
  const last = lengths.at(-1)!;
  if (lengths.slice(0, -1).every((n) => n === 4) && last >= 1 && last <= 4) return true;
  return lengths.length === 3 && lengths[0] === 4 && lengths[1] === 6 && (last === 5 || last === 4);
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
