/**
 * Card numbers in evidence: 13–19 digits, possibly grouped by spaces or dashes, that pass
 * the Luhn check. They are masked to the last four wherever they reach the packet.
 */
// Not inside a word, a URL, a file name or an id: `…/1449210847155432089.jpg` is no card.
const CANDIDATE = /(?<![\w/.=%#&?+-])\d(?:[ -]?\d){12,18}(?![\w/%]|[.,]\w)/g;

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

export interface MaskResult {
  readonly text: string;
  /** Last four digits of each masked number, in order. */
  readonly masked: readonly string[];
}

export function maskCardNumbers(text: string): MaskResult {
  if (!/\d{4}/.test(text.replace(/[ -]/g, ''))) return { text, masked: [] };
  const masked: string[] = [];
  const out = text.replace(CANDIDATE, (match) => {
    const digits = match.replace(/[ -]/g, '');
    // A run of one repeated digit (0000 0000…) is filler, not a card.
    if (digits.length < 13 || digits.length > 19 || !luhnValid(digits) || /^(\d)\1+$/.test(digits)) return match;
    const last4 = digits.slice(-4);
    masked.push(last4);
    return `[card ending ${last4}]`;
  });
  return { text: out, masked };
}
