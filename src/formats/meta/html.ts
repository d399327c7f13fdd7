import { decodeText, sampleText } from '../../chat/text.js';
import type { Finding } from '../../evidence/model.js';
import { makeFinding } from '../../rules/codes.js';
import { chatResult, newCollector } from '../chat-result.js';
import { allWithClass, attr, findTags, firstWithClass, hasClass, isWhole, parseHtml, textOf, type Element } from '../html-chat/dom.js';
import type { FormatAdapter, ParseResult } from '../types.js';
import { MetaDateReader } from './html-date.js';
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

export const messengerHtmlAdapter: FormatAdapter = {
  id: 'messenger-html',
  label: 'Facebook Messenger / Instagram message_N.html ("Download your information" in HTML)',
  extensions: ['html'],
  ownsExtensions: false,
  maxBytes: 64 * 1024 * 1024,
  detect: (sample) => (looksLikeMetaHtml(sampleText(sample)) ? 0.85 : 0),
  async parse(ctx): Promise<ParseResult> {
    const file = ctx.source.file;
    const html = decodeText(ctx.bytes ?? Buffer.alloc(0)).text;
    const doc = parseHtml(html);
    const truncated = !/<\/html>\s*$/i.test(html);
    // A block the file ends inside is cut off: it is not shown half.
    const blocks = readBlocks(BLOCK.flatMap((c) => allWithClass(doc, c)).filter((el) => isWhole(el, html)));
    const instagram = /instagram/i.test(file) || /instagram\.com/.test(html.slice(0, 200_000));
    const format = instagram ? 'Instagram' : 'Messenger';
    const collector = newCollector(ctx);
    const dates = new MetaDateReader(blocks.map((b) => b.time), ctx.item?.dateOrder);
    if (dates.ambiguousSample) collector.report(makeFinding('ITEM_DATE_AMBIGUOUS', { file }, { format, orders: 'day/month or month/day', sample: dates.ambiguousSample }));
    const read = blocks.map((b, i) => ({ b, i, date: dates.read(b.time, ctx.timezone) }));
    for (const { b, i, date } of read) if (!date) collector.report(makeFinding('CHAT_MESSAGE_UNDATED', { file }, { where: `message block ${i + 1}`, detail: b.time ? `"${b.time}" is not a time` : 'it has no time' }));
    // The download lists newest first; the packet reads oldest first.
    const dated = read.filter((r) => r.date).sort((x, y) => x.date!.epochMs - y.date!.epochMs || y.i - x.i);
    for (const { b, i, date } of dated) collector.add({ date: date!, ...(b.sender ? { sender: b.sender } : {}), text: b.text, attachments: b.media, where: `message block ${i + 1}` });
    const findings: Finding[] = [];
    if (truncated) findings.push(makeFinding('ITEM_DAMAGED', { file }, { detail: `it ends before its closing </html>: it was cut short: a message it ends inside is left out, and the older messages it held are missing` }));
    const title = fixMojibake(textOf(findTags(doc, 'title')[0]));
    return chatResult(ctx, collector, format, title ? `${format} conversation: ${title}` : undefined, { findings });
  },
};

interface Block {
  readonly sender?: string;
  readonly time: string;
  readonly text: string;
  readonly media: string[];
}

function first(el: Element, names: readonly string[]): Element | undefined {
  for (const n of names) {
    const found = firstWithClass(el, n);
    if (found) return found;
  }
  return undefined;
}

/** The message blocks (not the thread's header, which has no time), outermost only. */
function readBlocks(candidates: Element[]): Block[] {
  const blocks: Block[] = [];
  const seen = new Set<Element>();
  for (const el of candidates) {
    if (seen.has(el) || hasAncestorIn(el, seen)) continue;
    const timeEl = first(el, TIME);
    const senderEl = allWithClass(el, '_a6-h').find((h) => hasClass(h, '_a6-i')) ?? first(el, SENDER);
    if (!timeEl || !senderEl) continue;
    seen.add(el);
    const content = first(el, CONTENT);
    const reactions = content ? allWithClass(content, '_a6-q').map((r) => textOf(r).replace(/\n+/g, ', ')) : [];
    const text = textOf(content, { skip: (e) => hasClass(e, '_a6-q') });
    const media = content ? findTags(content, 'img', 'video', 'audio', 'a').map(mediaName).filter((n): n is string => !!n) : [];
    blocks.push({
      sender: fixMojibake(textOf(senderEl)) || undefined,
      time: textOf(timeEl),
      text: fixMojibake([text, reactions.length ? `Reactions: ${reactions.join(', ')}` : ''].filter(Boolean).join('\n')),
      media: [...new Set(media)],
    });
  }
  return blocks;
}

function hasAncestorIn(el: Element, set: Set<Element>): boolean {
  for (let p = el.parent; p; p = p.parent) if (set.has(p as Element)) return true;
  return false;
}

/** A photo, video, audio or file the message carries (a path in the download, not a web link). */
function mediaName(el: Element): string | undefined {
  const ref = el.name === 'a' ? attr(el, 'href') : attr(el, 'src');
  if (!ref || /^(?:[a-z]+:|#)/i.test(ref)) return undefined;
  return fixMojibake(decodeURIComponent(ref.replace(/[?#].*$/, '')).split('/').pop() ?? '') || undefined;
}
