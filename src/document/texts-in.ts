import type { PacketInput } from './types.js';

/**
 * Every string a packet's input holds (case facts, messages, notes, file names, the letter),
 * for the fonts to read what its text needs before it is laid out (FontSet.prepare). Bytes
 * are passed over.
 */
export function textsIn(input: PacketInput): string[] {
  const out: string[] = [];
  const seen = new Set<object>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') out.push(value);
    else if (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value) && !seen.has(value)) {
      seen.add(value);
      for (const item of Array.isArray(value) ? value : Object.values(value)) walk(item);
    }
  };
  walk(input);
  return out;
}
