/**
 * SMS Backup & Restore escapes every UTF-16 unit outside plain ASCII text on its own, so an
 * emoji comes out as two references to surrogates (`&#55357;&#56832;`), and a control
 * character as `&#1;`: neither is a character XML allows, and a strict parser stops there.
 * The app reads them back as the characters they stand for, so do we: a surrogate pair
 * becomes its character, and a lone surrogate or a control character becomes U+FFFD, which
 * shows something was there.
 */
const REF = /&#(?:x([0-9a-f]{1,6})|([0-9]{1,7}));/gi;
/** Character references, complete or cut, at the very end of a chunk: kept for the next one. */
const TAIL = /(?:&#x?[0-9a-f]*;)*&?(?:#x?[0-9a-f]*)?$/i;

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Rewrites the references XML refuses into the characters they stand for. */
export function mendCharRefs(text: string): string {
  let pendingHigh: number | undefined;
  let out = '';
  let last = 0;
  REF.lastIndex = 0;
  for (let m = REF.exec(text); m; m = REF.exec(text)) {
    const code = m[1] !== undefined ? Number.parseInt(m[1], 16) : Number(m[2]);
    const adjacent = m.index === last;
    if (pendingHigh !== undefined && !(adjacent && isLow(code))) out += '\ufffd';
    out += text.slice(last, m.index);
    last = m.index + m[0].length;
    if (pendingHigh !== undefined && adjacent && isLow(code)) {
      out += String.fromCharCode(pendingHigh, code);
      pendingHigh = undefined;
    } else if (isHigh(code)) {
      pendingHigh = code;
    } else {
      pendingHigh = undefined;
      out += isXmlChar(code) ? m[0] : '\ufffd';
    }
  }
  if (pendingHigh !== undefined) out += '\ufffd';
  return out + text.slice(last);
}

/**
 * The same over a stream of text: a reference (or a pair of them) cut between two chunks is
 * held back until the next chunk completes it. `flush` ends the stream.
 */
export class CharRefMender {
  private held = '';

  push(chunk: string): string {
    const text = this.held + chunk;
    const tail = TAIL.exec(text);
    const cut = tail && tail[0].length > 0 ? tail.index : text.length;
    this.held = text.slice(cut);
    return mendCharRefs(text.slice(0, cut));
  }

  flush(): string {
    const rest = this.held;
    this.held = '';
    return mendCharRefs(rest);
  }
}
