import { createRequire } from 'node:module';

let names: Map<string, string> | undefined;

/** emojilib's table (MIT): a short name per emoji ("white_check_mark" for ✅), read once. */
function table(): Map<string, string> {
  if (!names) {
    const data = createRequire(import.meta.url)('emojilib/emojis.json') as Record<string, { char: string | null; keywords?: string[] }>;
    names = new Map();
    // The first name a character has; a symbol for a name ("+1") gives way to its first worded keyword ("thumbsup").
    for (const [name, entry] of Object.entries(data)) {
      if (!entry.char || names.has(entry.char)) continue;
      const worded = /^[a-z]/.test(name) ? name : ((entry.keywords ?? []).find((k) => /^[a-z]/.test(k)) ?? name);
      names.set(entry.char, worded.replace(/[_-]/g, ' '));
    }
  }
  return names;
}

/**
 * An emoji the packet's fonts cannot draw, as its name in brackets ("Approved [white check
 * mark]"): a box would read as an empty checkbox. Skin tones and variation selectors are
 * dropped for the look-up; an emoji the table lacks is named by its code point.
 */
export function emojiName(sequence: string): string {
  const bare = sequence.replace(/[\uFE0E\uFE0F]|\p{Emoji_Modifier}/gu, '');
  const name = table().get(sequence) ?? table().get(bare) ?? table().get(`${bare}\uFE0F`) ?? table().get(Array.from(bare)[0] ?? '');
  return `[${name ?? `emoji U+${sequence.codePointAt(0)!.toString(16).toUpperCase()}`}]`;
}
