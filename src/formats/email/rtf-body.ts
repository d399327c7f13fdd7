import { createRequire } from 'node:module';
import { htmlToText } from '../json-input.js';
import { codePageName, decodeCodePage } from './tnef-read.js';

/*
 * Outlook keeps many bodies only as compressed RTF (PidTagRtfCompressed, [MS-OXRTFCP]): once
 * decompressed it is either HTML or plain text encapsulated in RTF ([MS-OXRTFEX], `\fromhtml1`
 * / `\fromtext`), which rtf-stream-parser de-encapsulates, or RTF written in Outlook's editor,
 * whose text its ToPlainText keeps.
 */
// CommonJS packages loaded on the first RTF body, not at every start (see io/cjs.ts).
const require = createRequire(import.meta.url);

interface RtfStreams {
  deEncapsulateSync(rtf: Buffer, options: object): { mode: 'text' | 'html'; text: string | Buffer };
  Tokenize: new () => RtfStream;
}
interface RtfStream {
  _transform(chunk: unknown, encoding: unknown, done: (error?: Error | null) => void): void;
  _flush(done: (error?: Error | null) => void): void;
  push(piece: unknown): boolean;
}

const decode = (buf: Buffer, encoding: string) => decodeCodePage(buf, /^cp\d+$/i.test(encoding) ? codePageName(Number(encoding.slice(2))) : encoding);

/** The body a compressed RTF holds, as text; undefined when it is not RTF at all. */
export function rtfBodyText(compressed: Uint8Array): string | undefined {
  const { decompressRTF } = require('@kenjiuno/decompressrtf') as { decompressRTF: (input: number[]) => number[] };
  const rtf = Buffer.from(decompressRTF([...compressed]));
  if (!rtf.subarray(0, 6).toString('latin1').startsWith('{\\rtf')) return undefined;
  const streams = require('rtf-stream-parser') as RtfStreams;
  const fail = (error?: Error | null) => {
    if (error) throw error;
  };
  try {
    const { mode, text } = streams.deEncapsulateSync(rtf, { decode, mode: 'either', warn: () => {} });
    const value = String(text);
    return mode === 'html' ? htmlToText(value) : value;
  } catch {
    // Not encapsulated: RTF written in Outlook's own editor; its text is kept.
    const { ToPlainText } = require('rtf-stream-parser/dist/src/ToPlainText') as { ToPlainText: new (o: object) => RtfStream };
    const tokens = new streams.Tokenize();
    const plain = new ToPlainText({ decode, warn: () => {} });
    const pieces: string[] = [];
    tokens.push = (token) => {
      plain._transform(token, '', fail);
      return true;
    };
    plain.push = (piece) => {
      if (piece !== null) pieces.push(String(piece));
      return true;
    };
    tokens._transform(rtf, undefined, fail);
    tokens._flush(fail);
    plain._flush(fail);
    return pieces.join('');
  }
}
