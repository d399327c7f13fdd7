/**
 * A text as the card-number detector reads it: every decimal digit of any script (full-width
 * digits as Japanese keyboards type them, Devanagari, Arabic-Indic, Thai…) written as ASCII,
 * and the characters a reader does not see (soft hyphens, zero-width spaces and joiners,
 * direction marks) taken out, so "4111\u00ad1111…" reads as the digits it shows. Each character
 * keeps the position it had in the text, so what is found is masked where it stands.
 */
export interface DigitText {
  readonly text: string;
  /** The text's index of each character, and the text's length after the last. */
  readonly at: readonly number[] | undefined;
}

/** Characters nobody sees: soft hyphen, zero-width space/joiners, word joiner, direction marks, BOM. */
const INVISIBLE = /[\u00ad\u200b-\u200f\u2060\u202a-\u202e\u2066-\u2069\ufeff]/;
const NON_ASCII = /[^\0-\x7f]/;
const DIGIT = /\p{Nd}/u;
/** A digit of another script, or an invisible character: without one, the text is read as it is. */
const OTHER_OR_INVISIBLE = /[\u00ad\u200b-\u200f\u2060\u202a-\u202e\u2066-\u2069\ufeff]|(?![0-9])\p{Nd}/u;

/** The value of each non-ASCII decimal digit, learnt once per code point (digit sets are runs of ten from their zero). */
const values = new Map<number, number>();

function digitValue(code: number): number {
  let value = values.get(code);
  if (value === undefined) {
    let zero = code;
    while (zero > 0 && DIGIT.test(String.fromCodePoint(zero - 1))) zero--;
    value = (code - zero) % 10;
    values.set(code, value);
  }
  return value;
}

export function readDigits(text: string): DigitText {
  // Most texts are ASCII or hold no digit of another script and no invisible character: read as they are.
  if (!NON_ASCII.test(text) || !OTHER_OR_INVISIBLE.test(text)) return { text, at: undefined };
  let out = '';
  const at: number[] = [];
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    const char = text.slice(i, i + width);
    if (INVISIBLE.test(char)) {
      i += width;
      continue;
    }
    if (code > 0x7f && DIGIT.test(char)) {
      out += String.fromCharCode(0x30 + digitValue(code));
      at.push(i);
    } else {
      out += char;
      for (let k = 0; k < width; k++) at.push(i + k);
    }
    i += width;
  }
  at.push(text.length);
  return { text: out, at };
}

/** Where a character of the read text stood in the text itself. */
export const originalIndex = (digits: DigitText, index: number): number => (digits.at ? digits.at[index]! : index);

/**
 * Ids whose digits are not card numbers however they fall: hex ids of the lengths digests and
 * object ids have (a MongoDB ObjectId, MD5, SHA-1, SHA-224, SHA-256, SHA-384, SHA-512, with a
 * letter among their digits), UUIDs, and IBANs whose check digits hold (ISO 13616, mod 97).
 */
const HEX_ID = /(?<![0-9a-z])(?=[0-9a-f]*[a-f])(?:[0-9a-f]{24}|[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{56}|[0-9a-f]{64}|[0-9a-f]{96}|[0-9a-f]{128})(?![0-9a-z])/gi;
const UUID = /(?<![0-9a-z])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9a-z])/gi;
const IBAN = /(?<![0-9A-Za-z])[A-Z]{2}\d{2}(?:[ \u00a0]?[0-9A-Z]){11,30}(?![0-9A-Za-z])/g;

export function idSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  if (!/[a-z]/i.test(text)) return spans;
  for (const m of text.matchAll(HEX_ID)) spans.push([m.index, m.index + m[0].length]);
  for (const m of text.matchAll(UUID)) spans.push([m.index, m.index + m[0].length]);
  for (const m of text.matchAll(IBAN)) if (ibanValid(m[0])) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

function ibanValid(written: string): boolean {
  const compact = written.replace(/[ \u00a0]/g, '');
  const moved = compact.slice(4) + compact.slice(0, 4);
  let rest = 0;
  for (const char of moved) {
    const value = char >= 'A' ? char.charCodeAt(0) - 55 : char.charCodeAt(0) - 48;
    rest = (value > 9 ? rest * 100 + value : rest * 10 + value) % 97;
  }
  return rest === 1;
}
