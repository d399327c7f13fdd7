/**
 * Addresses that read like another one: letters from other scripts that look Latin (Cyrillic
 * "а", Greek "ο"), digits for letters ("examp1e"), "rn" for "m". Each character is reduced to
 * the Latin letter it passes for (a skeleton, as in Unicode TR39 §4, with a table of the
 * confusables most used in phishing); two different addresses with one skeleton are a look-alike.
 */
const LOOKS_LIKE: Readonly<Record<string, string>> = {
  // Cyrillic
  '\u0430': 'a',
  '\u0435': 'e',
  '\u043e': 'o',
  '\u0440': 'p',
  '\u0441': 'c',
  '\u0445': 'x',
  '\u0443': 'y',
  '\u0456': 'i',
  '\u0458': 'j',
  '\u0455': 's',
  '\u0501': 'd',
  '\u04bb': 'h',
  '\u0491': 'r',
  '\u051b': 'q',
  '\u051d': 'w',
  '\u043a': 'k',
  '\u0442': 't',
  '\u043c': 'm',
  '\u043d': 'h',
  '\u0432': 'b',
  // Greek
  '\u03bf': 'o',
  '\u03b1': 'a',
  '\u03bd': 'v',
  '\u03b9': 'i',
  '\u03ba': 'k',
  '\u03c1': 'p',
  '\u03c4': 't',
  '\u03c5': 'u',
  '\u03c7': 'x',
  '\u03b5': 'e',
  // Digits and Latin look-alikes
  '1': 'l',
  '|': 'l',
  '0': 'o',
  '5': 's',
  '\u0131': 'i',
  '\u0269': 'l',
  '\u0261': 'g',
  '\u0251': 'a',
};

/** What an address reads as: NFKC, lower case, each look-alike character as the letter it passes for, "rn" as "m", "vv" as "w". */
export function skeleton(text: string): string {
  const folded = [...text.normalize('NFKC').toLowerCase()].map((c) => LOOKS_LIKE[c] ?? c).join('');
  return folded.replace(/rn/g, 'm').replace(/vv/g, 'w');
}

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * How `address` differs from `genuine` when it only looks like it, each different character
 * named by its code point ("U+0430 'а' for U+0061 'a'"); undefined when the two are the same
 * address, or do not look alike.
 */
export function lookalikeDifference(address: string, genuine: string): string | undefined {
  const a = address.trim().normalize('NFC').toLowerCase();
  const b = genuine.trim().normalize('NFC').toLowerCase();
  if (a === b || skeleton(a) !== skeleton(b)) return undefined;
  const [x, y] = [[...a], [...b]];
  if (x.length !== y.length) return `reads as ${genuine} but is ${[...address].map((c) => (c.charCodeAt(0) < 0x80 ? c : `${c} (${codePoint(c)})`)).join('')}`;
  const differences = x.flatMap((c, i) => (c === y[i] ? [] : [`${codePoint(c)} '${c}' for ${codePoint(y[i]!)} '${y[i]}'`]));
  return differences.join(', ');
}

/** A display name written as an address ("jane@example.com" <other@evil.example>). */
export function addressInName(name: string | undefined): string | undefined {
  const match = /^\s*["']?\s*<?([^\s<>"']+@[^\s<>"']+?)>?\s*["']?\s*$/.exec(name ?? '');
  return match?.[1];
}
