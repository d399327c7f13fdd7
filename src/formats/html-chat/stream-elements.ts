/**
 * An HTML file read element by element, in bounded memory: htmlparser2's streaming Parser
 * builds a small DOM only for the elements a reader asks for (a message block), hands each
 * over when it closes and drops it. A chat export of any size is then held one message at a
 * time, plus one chunk of its bytes.
 */
import { TextDecoder } from 'node:util';
import type { Element, ParentNode, Text } from 'domhandler';
import type { Parser } from 'htmlparser2';
import { htmlLibs } from './html-libs.js';
import { sniffEncoding } from '../../chat/text.js';

/** Largest element (characters of text and attributes) built whole; a larger one is left out and counted. */
export const MAX_ELEMENT_CHARS = 32 * 1024 * 1024;

export interface StreamElementsOptions {
  /** Whether this opening tag starts an element to hand over (never asked inside one already taken). */
  readonly isRoot: (name: string, attribs: Readonly<Record<string, string>>) => boolean;
  /** Told each element asked for, when it closes: `whole` is false when the file ended inside it. */
  readonly onElement: (element: Element, whole: boolean) => void;
  /** Characters of an element held at most (default MAX_ELEMENT_CHARS): a message this large is not a message. */
  readonly maxElementChars?: number;
  /** Characters of the file's start kept for the caller (default 0). */
  readonly headChars?: number;
}

export interface StreamedHtml {
  /** The file's first `headChars` characters. */
  readonly head: string;
  /** Whether the file ends with its closing `</html>` (a file cut short does not). */
  readonly closed: boolean;
  /** Elements asked for that were larger than the limit, left out. */
  readonly oversized: number;
  /** The most characters of elements held at once while reading. */
  readonly peakHeldChars: number;
}

/** Reads the chunks through the parser, calling `onElement` for each element `isRoot` takes. */
export async function streamElements(chunks: AsyncIterable<Buffer>, options: StreamElementsOptions): Promise<StreamedHtml> {
  const stream = elementStream(options);
  let decoder: TextDecoder | undefined;
  for await (const chunk of chunks) {
    decoder ??= new TextDecoder(sniffEncoding(chunk));
    stream.write(decoder.decode(chunk, { stream: true }));
  }
  if (decoder) stream.write(decoder.decode());
  return stream.end();
}

/** The same fed with text already decoded (a file a caller holds whole goes through the same reading). */
export function elementStream(options: StreamElementsOptions): { write(text: string): void; end(): StreamedHtml } {
  const headChars = options.headChars ?? 0;
  const state: StreamState = { stack: [], held: 0, peak: 0, oversized: 0, skipDepth: 0, head: '', tail: '' };
  const parser = elementParser(options, state);
  return {
    write(text) {
      if (state.head.length < headChars) state.head += text.slice(0, headChars - state.head.length);
      state.tail = (state.tail + text).slice(-64);
      parser.write(text);
    },
    end() {
      parser.end();
      return { head: state.head.replace(/^\ufeff/, ''), closed: /<\/html>\s*$/i.test(state.tail), oversized: state.oversized, peakHeldChars: state.peak };
    },
  };
}

/** Elements inside a handed-over one whose end tag never came (the file ended inside them). */
const cutOff = new WeakSet<Element>();

/** Whether the file ended inside this element of a handed-over tree (its end tag is missing). */
export function isCutOff(el: Element): boolean {
  return cutOff.has(el);
}

/**
 * A copy of a string that holds no part of the chunk it was cut from: V8 keeps a substring's
 * parent alive, so a message kept for the packet would otherwise keep its whole chunk of the file.
 */
function detach(s: string): string {
  return s.length < 16 ? s : Buffer.from(s, 'utf16le').toString('utf16le');
}

/** The parser, building a tree only inside the elements asked for; `state` tells what is held. */
function elementParser(options: StreamElementsOptions, state: StreamState): Parser {
  const { Element, Text } = htmlLibs().domhandler;
  const max = options.maxElementChars ?? MAX_ELEMENT_CHARS;
  const hold = (n: number): boolean => {
    state.held += n;
    state.peak = Math.max(state.peak, state.held);
    if (state.held <= max) return true;
    // Too large to be a message: dropped; its end is still followed, to start afresh after it.
    state.oversized++;
    state.skipDepth = state.stack.length;
    state.stack = [];
    state.held = 0;
    return false;
  };
  const append = (child: Element | Text): void => {
    const parent: ParentNode = state.stack[state.stack.length - 1]!;
    const prev = parent.children[parent.children.length - 1] ?? null;
    child.parent = parent;
    child.prev = prev;
    if (prev) prev.next = child;
    parent.children.push(child);
  };
  return new (htmlLibs().htmlparser2.Parser)(
    {
      onopentag(name, attribs) {
        if (state.skipDepth > 0) {
          state.skipDepth++;
          return;
        }
        if (state.stack.length === 0 && !options.isRoot(name, attribs)) return;
        const el = new Element(name, Object.fromEntries(Object.entries(attribs).map(([k, v]) => [k, detach(v)])));
        if (state.stack.length > 0) append(el);
        state.stack.push(el);
        hold(name.length + Object.entries(attribs).reduce((n, [k, v]) => n + k.length + v.length, 0));
      },
      ontext(slice) {
        if (state.skipDepth > 0 || state.stack.length === 0) return;
        const data = detach(slice);
        const parent = state.stack[state.stack.length - 1]!;
        const last = parent.children[parent.children.length - 1];
        if (last instanceof Text) last.data += data;
        else append(new Text(data));
        hold(data.length);
      },
      onclosetag(_name, isImplied) {
        if (state.skipDepth > 0) {
          state.skipDepth--;
          return;
        }
        const el = state.stack.pop();
        if (el && isImplied && !VOID.has(el.name)) cutOff.add(el);
        if (!el || state.stack.length > 0) return;
        state.held = 0;
        // An end tag the parser had to imagine (at the end of a file cut short) is a block cut off.
        options.onElement(el, !isImplied || VOID.has(el.name));
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
}

interface StreamState {
  stack: Element[];
  held: number;
  peak: number;
  oversized: number;
  skipDepth: number;
  head: string;
  tail: string;
}

/** Elements without an end tag: the parser closes them itself. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** Whether an opening tag's class list holds one of `names`. */
export function classHas(attribs: Readonly<Record<string, string>>, ...names: string[]): boolean {
  const list = attribs.class?.split(/\s+/);
  return list !== undefined && names.some((n) => list.includes(n));
}
