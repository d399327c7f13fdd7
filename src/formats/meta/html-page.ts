import { allWithClass, attr, elementChildren, findTags, firstWithClass, hasClass, textOf, type Element } from '../html-chat/dom.js';
import { classHas, streamElements } from '../html-chat/stream-elements.js';
import { fixMojibake } from './index.js';

/**
 * Facebook Messenger / Instagram "Download your information" in HTML:
 * `messages/inbox/<thread>/message_1.html`, newest message first. Each message is a block
 * (`_a6-g`; `_2lej` before 2022) holding the sender (`_a6-h`, `_2lel`), the content (`_a6-p`,
 * `_2let`: text, photos, reactions in `_a6-q`) and the time (`_a72d` inside `_a6-o`, or
 * `_a6-o`/`_2lem` itself) in the account's language, without a zone.
 */
const BLOCK = ['_a6-g', '_2lej'];
const SENDER = ['_a6-h', '_2lel'];
const CONTENT = ['_a6-p', '_2let'];
const TIME = ['_a72d', '_a6-o', '_2lem'];

export function looksLikeMetaHtml(text: string): boolean {
  return /class="[^"]*\b(?:_a6-g|_2lej)\b/.test(text) && /class="[^"]*\b(?:_a6-o|_a72d|_2lem)\b/.test(text);
}

export interface MetaBlock {
  readonly sender?: string;
  readonly time: string;
  readonly text: string;
  /** Photos, videos, files it carries: paths in the download (from its root), as the page links them. */
  readonly media: string[];
}

export interface MetaHtmlPage {
  readonly title?: string;
  /** Message blocks read (each handed to `onBlock`, none kept). */
  readonly blocks: number;
  readonly instagram: boolean;
  /** Instants the page writes both ways (`<time datetime="…Z">local text</time>`): its clock. */
  readonly stamps: { datetime: string; text: string }[];
  /** The file ends before its closing tag (a block it ends inside is left out). */
  readonly truncated: boolean;
  /** Blocks too large to be a message, left out. */
  readonly oversized: number;
  /** The most characters of markup held at once (one block's). */
  readonly peakHeldChars: number;
}

/**
 * Reads one message_N.html block by block (holding one block's markup at a time), handing each
 * block to `onBlock` with its index in the page: the page keeps only its title and stamps.
 * `timesOnly` hands over each block's time alone (its text and media are not worked out).
 * `maxElementChars` lets tests hold markup to a few characters.
 */
export async function readMetaHtmlPage(
  chunks: AsyncIterable<Buffer>,
  onBlock: (block: MetaBlock, index: number) => void,
  options: { maxElementChars?: number; timesOnly?: boolean } = {},
): Promise<MetaHtmlPage> {
  let blocks = 0;
  const stamps: { datetime: string; text: string }[] = [];
  let title = '';
  // One string per sender, shared by their blocks (a thread holds hundreds of thousands).
  const names = new Map<string, string>();
  const stamp = (t: Element) => {
    if (attr(t, 'datetime') && textOf(t)) stamps.push({ datetime: attr(t, 'datetime')!, text: textOf(t) });
  };
  const streamed = await streamElements(chunks, {
    isRoot: (name, attribs) => name === 'title' || name === 'time' || classHas(attribs, ...BLOCK),
    headChars: 200_000,
    ...(options.maxElementChars !== undefined ? { maxElementChars: options.maxElementChars } : {}),
    onElement(el, whole) {
      if (el.name === 'title') title ||= fixMojibake(textOf(el));
      else if (el.name === 'time') stamp(el);
      // A block the file ends inside is cut off: it is not shown half.
      else if (whole) {
        for (const block of readBlocks([el, ...BLOCK.flatMap((c) => allWithClass(el, c))], names, options.timesOnly === true)) onBlock(block, blocks++);
        findTags(el, 'time').forEach(stamp);
      }
    },
  });
  return {
    ...(title ? { title } : {}),
    blocks,
    instagram: /instagram\.com/.test(streamed.head),
    stamps,
    truncated: !streamed.closed,
    oversized: streamed.oversized,
    peakHeldChars: streamed.peakHeldChars,
  };
}

function first(el: Element, names: readonly string[]): Element | undefined {
  for (const n of names) {
    const found = firstWithClass(el, n);
    if (found) return found;
  }
  return undefined;
}

/** The message blocks (not the thread's header, which has no time), outermost only. */
function readBlocks(candidates: Element[], names: Map<string, string>, timesOnly: boolean): MetaBlock[] {
  const blocks: MetaBlock[] = [];
  const seen = new Set<Element>();
  for (const el of candidates) {
    if (seen.has(el) || hasAncestorIn(el, seen)) continue;
    const timeEl = first(el, TIME);
    const senderEl = allWithClass(el, '_a6-h').find((h) => hasClass(h, '_a6-i')) ?? first(el, SENDER);
    if (!timeEl || !senderEl) continue;
    seen.add(el);
    if (timesOnly) {
      blocks.push({ time: textOf(timeEl), text: '', media: [] });
      continue;
    }
    const content = first(el, CONTENT);
    const reactions = content ? allWithClass(content, '_a6-q').map((r) => textOf(r).replace(/\n+/g, ', ')) : [];
    const text = contentText(content);
    const media = content
      ? findTags(content, 'img', 'video', 'audio', 'a')
          .map(mediaPath)
          .filter((n): n is string => !!n)
      : [];
    const sender = fixMojibake(textOf(senderEl, { bare: true }));
    if (sender && !names.has(sender)) names.set(sender, sender);
    blocks.push({
      ...(sender ? { sender: names.get(sender)! } : {}),
      time: textOf(timeEl),
      text: fixMojibake([text, reactions.length ? `Reactions: ${reactions.join(', ')}` : ''].filter(Boolean).join('\n')),
      media: [...new Set(media)],
    });
  }
  return blocks;
}

/**
 * A message's content is `<div><div></div><div>text</div><div>share, photos</div><div></div></div>`;
 * a shared link's preview repeats the text: what the later parts add is kept, what they repeat is not.
 */
function contentText(content: Element | undefined): string {
  const skip = (e: Element) => hasClass(e, '_a6-q');
  const wrapper = content ? elementChildren(content) : [];
  const parts = wrapper.length === 1 ? elementChildren(wrapper[0]!) : [];
  if (parts.length < 2) return textOf(content, { skip });
  const text = textOf(parts[1], { skip });
  const flat = (t: string) => t.replace(/\s+/g, ' ').trim();
  const added = parts
    .slice(2)
    .flatMap((p) => textOf(p, { skip }).split('\n'))
    .map(flat)
    .filter((l) => l && !flat(text).includes(l));
  return [text, ...new Set(added)].filter(Boolean).join('\n');
}

function hasAncestorIn(el: Element, set: Set<Element>): boolean {
  for (let p = el.parent; p; p = p.parent) if (set.has(p as Element)) return true;
  return false;
}

/** A photo, video, audio or file the message carries (a path in the download, not a web link). */
function mediaPath(el: Element): string | undefined {
  const ref = el.name === 'a' ? attr(el, 'href') : attr(el, 'src');
  if (!ref || /^(?:[a-z]+:|#)/i.test(ref)) return undefined;
  return fixMojibake(decodeURIComponent(ref.replace(/[?#].*$/, ''))) || undefined;
}
