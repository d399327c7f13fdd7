import type { Element } from 'domhandler';
import { htmlLibs } from '../html-chat/html-libs.js';
import type { ChatCollector } from '../../chat/collect.js';
import { decodeText } from '../../chat/text.js';
import { parseIsoDate } from '../../evidence/dates.js';
import type { DateFact } from '../../evidence/model.js';
import { makeFinding } from '../../rules/codes.js';

const hasClass = (el: Element, name: string) => (el.attribs.class ?? '').split(/\s+/).includes(name);
const textOf = (el: Element | null | undefined) => (el ? htmlLibs().domutils.textContent(el).replace(/\s+/g, ' ').trim() : '');
const find = (root: Element, test: (el: Element) => boolean) => htmlLibs().domutils.findOne(test, root.children);
const findAll = (root: Element, test: (el: Element) => boolean) => htmlLibs().domutils.findAll(test, root.children);

/**
 * signal-export's `index.html`: pages of `div.msg` bubbles (`div.meta` with `span.sender` and
 * `<time datetime>` in the exporting computer's local time, `div.quote`, `div.body` with
 * figures, audio, video and file links into `media/`, `div.reactions`) and `div.event` lines
 * (calls). A message sent within five minutes of the one before by the same sender is drawn
 * without its meta (`msg cont`): it takes that sender, and that time as the nearest known.
 */
export function readSignalHtml(bytes: Buffer, collector: ChatCollector, file: string, zone: string | undefined): { messages: number; title?: string } {
  const doc = htmlLibs().htmlparser2.parseDocument(decodeText(bytes).text);
  const title = textOf(htmlLibs().domutils.findOne((el) => el.name === 'h1' && hasClass(el, 'chat-title'), doc.children));
  const items = htmlLibs().domutils.findAll((el) => el.name === 'div' && (hasClass(el, 'msg') || hasClass(el, 'event')), doc.children);
  let previous: { sender: string; date: DateFact } | undefined;
  items.forEach((item, i) => {
    const where = `message ${i + 1}`;
    const time = find(item, (el) => el.name === 'time');
    const own = time?.attribs.datetime ? parseIsoDate(time.attribs.datetime, 'export', zone) : undefined;
    const grouped = !own && hasClass(item, 'cont') && previous;
    const date = own ?? (grouped ? { ...previous!.date, text: `${previous!.date.text} (drawn under the message before, without its own time)` } : undefined);
    if (!date) {
      collector.report(
        makeFinding(
          'CHAT_MESSAGE_UNDATED',
          { file },
          { where, detail: time ? `datetime is ${JSON.stringify(time.attribs.datetime ?? null)}` : 'it has no time' },
        ),
      );
      return;
    }
    if (hasClass(item, 'event')) {
      collector.add({ date, text: textOf(find(item, (el) => el.name === 'span' && !hasClass(el, 'event-icon'))), system: true, where });
      previous = undefined;
      return;
    }
    const sender = textOf(find(item, (el) => el.name === 'span' && hasClass(el, 'sender'))) || (grouped ? previous!.sender : '');
    const body = find(item, (el) => el.name === 'div' && hasClass(el, 'body'));
    const attachments = body
      ? findAll(body, (el) => ['img', 'audio', 'video', 'a'].includes(el.name) && /^\.\/media\//.test(el.attribs.src ?? el.attribs.href ?? '')).map((el) =>
          decodeURI((el.attribs.src ?? el.attribs.href)!.slice(2)),
        )
      : [];
    const missing = body ? findAll(body, (el) => el.name === 'div' && hasClass(el, 'missing')).map(textOf) : [];
    const reactions = findAll(item, (el) => el.name === 'span' && hasClass(el, 'reaction')).map(
      (r) =>
        `${textOf(find(r, (el) => hasClass(el, 'who')))}: ${r.children
          .filter((c) => c.type === 'text')
          .map((c) => htmlLibs().domutils.textContent(c))
          .join('')
          .trim()}`,
    );
    const text = [bodyText(body), ...missing, reactions.length ? `Reactions: ${reactions.join(', ')}` : ''].filter(Boolean).join('\n');
    const quote = textOf(find(item, (el) => el.name === 'div' && hasClass(el, 'quote')));
    collector.add({ date, sender, text, attachments: [...new Set(attachments)], where, ...(quote ? { inReplyTo: `reply to: ${quote}` } : {}) });
    previous = { sender, date: own ?? previous!.date };
  });
  return { messages: items.length, ...(title ? { title } : {}) };
}

/** The body's words (its paragraphs on lines of their own), without the attachment widgets. */
function bodyText(body: Element | null | undefined): string {
  if (!body) return '';
  const paragraphs = findAll(body, (el) => el.name === 'p' && !findAll(el, (c) => c.name === 'p').length)
    .map(textOf)
    .filter(Boolean);
  if (paragraphs.length > 0) return paragraphs.join('\n');
  if (find(body, (el) => el.name === 'em')) return textOf(body);
  return '';
}
