import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { distance } = require('fastest-levenshtein') as typeof import('fastest-levenshtein');

/**
 * The known word nearest to what was written, when it is near enough to be a typo: at most
 * two fifths of its letters apart (case ignored), so "emial" finds "email" and "strip" finds
 * "stripe", while a word unlike any known one finds nothing.
 */
export function nearest(written: string, known: Iterable<string>): string | undefined {
  const w = written.toLowerCase();
  let best: { word: string; d: number } | undefined;
  for (const word of known) {
    const d = distance(w, word.toLowerCase());
    if (!best || d < best.d) best = { word, d };
  }
  if (!best || best.word === written) return undefined;
  return best.d <= Math.max(1, Math.round(w.length * 0.4)) ? best.word : undefined;
}

/** ' Did you mean "stripe"?' — or nothing. */
export function didYouMean(written: string, known: Iterable<string>): string {
  const word = nearest(written, known);
  return word ? ` Did you mean "${word}"?` : '';
}

let zones: readonly string[] | undefined;
/** Every IANA zone this Node knows, for suggestions ("Europe/Londn" → "Europe/London"). */
export function timeZoneNames(): readonly string[] {
  zones ??= Intl.supportedValuesOf('timeZone');
  return zones;
}
