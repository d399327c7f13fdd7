import type { Element } from 'domhandler';
import { htmlLibs } from '../html-chat/html-libs.js';
import type { ChatCollector } from '../../chat/collect.js';
import { decodeText } from '../../chat/text.js';
import { makeFinding } from '../../rules/codes.js';
import type { ParseContext } from '../types.js';
import { senderFields, STAMP, stampDate } from './stamp.js';

const hasClass = (el: Element, name: string) => (el.attribs.class ?? '').split(/\s+/).includes(name);
const childElements = (el: Element): Element[] => el.children.filter((c): c is Element => c.type === 'tag');
const textOf = (el: Element) =>
  htmlLibs()
    .domutils.textContent(el)
    .replace(/[ \t]*\n[ \t]*/g, '\n')
    .replace(/\s+$/, '')
    .trim();

/**
 * imessage-exporter's HTML: `div.message > div.sent|div.received` holding `span.timestamp`,
 * `span.sender`, then `div.message_part`s (`span.bubble` text, `img`/`video`/`audio`/`a`
 * attachments, `div.edited` tables), `div.reactions` ("Loved by Me"), and `div.replies` whose
 * `div.message`s are messages of their own. `div.announcement` is a line of the conversation.
 */
export function readImessageHtml(ctx: ParseContext, collector: Pick<ChatCollector, 'add' | 'report'>): { blocks: number } {
  const doc = htmlLibs().htmlparser2.parseDocument(decodeText(ctx.bytes ?? Buffer.alloc(0)).text);
  const blocks = htmlLibs().domutils.findAll((el) => el.name === 'div' && (hasClass(el, 'message') || hasClass(el, 'announcement')), doc.children);
  blocks.forEach((block, i) => {
    const where = `message ${i + 1}`;
    const stampEl = htmlLibs().domutils.findOne((el) => el.name === 'span' && hasClass(el, 'timestamp'), block.children);
    const stamp = STAMP.exec(stampEl ? textOf(stampEl) : '')?.[1];
    const date = stamp ? stampDate(stamp, ctx.timezone) : undefined;
    if (!date) {
      collector.report(
        makeFinding('CHAT_MESSAGE_UNDATED', { file: ctx.source.file }, { where, detail: stampEl ? `"${textOf(stampEl)}" is not a time` : 'it has no time' }),
      );
      return;
    }
    if (hasClass(block, 'announcement')) {
      const text = textOf(block)
        .replace(STAMP, '$2')
        .replace(/^\s*\(Read by [^)]*\)/, '')
        .trim();
      collector.add({ date, text, system: true, where });
      return;
    }
    const side = childElements(block).find((el) => hasClass(el, 'sent') || hasClass(el, 'received'));
    if (!side) return;
    const senderEl = htmlLibs().domutils.findOne((el) => el.name === 'span' && hasClass(el, 'sender'), side.children);
    const { text, attachments } = messageBody(side);
    collector.add({ date, ...senderFields(senderEl ? textOf(senderEl) : ''), text, attachments, where });
  });
  return { blocks: blocks.length };
}

/** The parts of one message, leaving out the replies nested in it (read as messages of their own). */
function messageBody(side: Element): { text: string; attachments: string[] } {
  const lines: string[] = [];
  const attachments: string[] = [];
  const own = (el: Element) => !hasClass(el, 'replies');
  for (const el of childElements(side)) {
    if (!own(el) || el.name === 'p' || el.name === 'hr') continue;
    // A sticker placed on the message sits among its reactions, with no sender: not this message's file.
    if (!hasClass(el, 'reactions'))
      for (const media of findOwn(el, isAttachmentElement, 'reactions')) attachments.push((media.attribs.src ?? media.attribs.href)!);
    // An edit history is a table: its rows read as the TXT export writes them.
    const text = ownText(el)
      .replace(/[ \t]*\n[ \t]*/g, '\n')
      .replace(/\n{2,}/g, '\n')
      .replace(/^(Edited .{1,60}? later) /gm, '$1: ')
      .trim();
    if (text) lines.push(text);
  }
  const tapbacks = findOwn(side, (el) => hasClass(el, 'reaction') && el.name === 'div').map(textOf);
  if (tapbacks.length > 0) lines.push(`Tapbacks: ${tapbacks.join('; ')}`);
  const stickers = findOwn(side, (el) => hasClass(el, 'reactions')).flatMap((r) => findOwn(r, isAttachmentElement)).length;
  if (stickers > 0) lines.push(`Stickers placed on this message: ${stickers} (the export does not say by whom)`);
  return { text: lines.join('\n'), attachments: [...new Set(attachments)] };
}

/**
 * A file the message carries: `img`/`video`/`audio`/`source` for media, and the
 * "Click to download" link the exporter writes for documents (a PDF), not a web link.
 */
function isAttachmentElement(el: Element): boolean {
  const ref = ['img', 'video', 'audio', 'source'].includes(el.name) ? el.attribs.src : el.name === 'a' ? el.attribs.href : undefined;
  if (!ref || ref.trim() === '' || ref.trim().startsWith('#')) return false;
  // A path (relative, absolute, a Windows drive) or a file: URL; a web or mail link is not a file.
  return !/^[a-z][a-z0-9+.-]+:/i.test(ref.trim()) || /^file:/i.test(ref.trim());
}

/** Elements under `root` matching `test`, not looking into nested replies (nor into `skip`). */
function findOwn(root: Element, test: (el: Element) => boolean, skip?: string): Element[] {
  const out: Element[] = [];
  for (const el of childElements(root)) {
    if (hasClass(el, 'replies') || (skip !== undefined && hasClass(el, skip))) continue;
    if (test(el)) out.push(el);
    out.push(...findOwn(el, test, skip));
  }
  return out;
}

/** Text of an element, leaving out its replies and tapbacks (read apart). */
function ownText(el: Element): string {
  if (hasClass(el, 'replies') || hasClass(el, 'reactions')) return '';
  return el.children
    .map((c) =>
      c.type === 'text'
        ? (c as unknown as { data: string }).data
        : c.type === 'tag'
          ? ownText(c as Element) + ((c as Element).name === 'tr' || (c as Element).name === 'br' ? '\n' : (c as Element).name === 'td' ? ' ' : '')
          : '',
    )
    .join('');
}
