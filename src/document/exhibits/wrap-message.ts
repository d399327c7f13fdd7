import { formatDateFact } from '../../evidence/dates.js';
import type { CaseInfo, ChatMessage } from '../../evidence/model.js';
import type { FontSet } from '../fonts/load-fonts.js';
import { LINE_FACTOR, SMALL_SIZE } from '../page/geometry.js';
import { isRightToLeft } from '../text/bidi.js';
import { cleanText } from '../text/clean-text.js';
import { wrapText } from '../text/wrap-text.js';
import type { FontFace } from '../types.js';

/** A transcript's text size (it stays this size in a column of any width), and its line. */
export const TEXT_SIZE = SMALL_SIZE;
export const LINE = TEXT_SIZE * LINE_FACTOR;
/** Messages are indented past the client marker; noted messages leave room for the note. */
export const INDENT = 16;
export const NOTE_WIDTH = 150;
const NOTE_GAP = 10;

export interface MessageLine {
  readonly text: string;
  readonly face: FontFace;
  readonly indent: number;
}

export interface MessageBlock {
  readonly lines: MessageLine[];
  readonly note?: string[];
  readonly client: boolean;
  readonly boxed: boolean;
  readonly gap?: string;
}

/**
 * One message of a transcript, wrapped to a column `width` wide at the transcript's text
 * size: its heading line (client marker, time, sender), subject, reply, text (a right-to-left
 * paragraph set against the right edge), attachments (with the exhibit each is shown as),
 * its note for the box beside it, and the messages not shown before it.
 */
export function wrapMessage(
  fonts: FontSet,
  ctx: { readonly info: CaseInfo; readonly mediaExhibits: ReadonlyMap<string, number> },
  message: ChatMessage,
  width: number,
  gap: number,
): MessageBlock {
  const boxed = message.note !== undefined;
  const textWidth = width - INDENT - (boxed ? NOTE_WIDTH + NOTE_GAP : 4);
  const lines: MessageLine[] = [];
  const push = (text: string, face: FontFace, indent = INDENT, extra = 0) => {
    for (const line of wrapText(fonts, text, TEXT_SIZE, face, textWidth - extra)) lines.push({ text: line, face, indent });
  };
  const time = formatDateFact(message.date, ctx.info.timezone?.value);
  const who = message.system ? '(system message)' : (message.sender ?? '(sender not given)');
  const email = message.senderEmail && message.senderEmail !== message.sender ? ` <${message.senderEmail}>` : '';
  const marker = message.isClient ? '▶ CLIENT · ' : '';
  const where = message.conversation ? ` · ${message.conversation}` : '';
  push(`${marker}${time} · ${who}${email}${where}`, 'bold');
  if (message.subject) push(`Subject: ${message.subject}`, 'regular');
  if (message.inReplyTo) push(`↳ ${message.inReplyTo}`, 'regular');
  // A right-to-left paragraph is set against the right edge, where its reader starts (card
  // numbers masked over the whole text first, as a number may run over a line break).
  const paragraphs = message.text ? cleanText(message.text).split('\n') : [];
  if (!paragraphs.some(isRightToLeft)) {
    if (message.text) push(message.text, 'regular', INDENT + 8, 8);
  } else {
    for (const paragraph of paragraphs) {
      const rtl = isRightToLeft(paragraph);
      for (const line of wrapText(fonts, paragraph, TEXT_SIZE, 'regular', textWidth - 8)) {
        lines.push({ text: line, face: 'regular', indent: INDENT + 8 + (rtl ? Math.max(0, textWidth - 8 - fonts.measure(line, TEXT_SIZE, 'regular')) : 0) });
      }
    }
  }
  // By name; by the message alone only when no name matches (an export that names its media otherwise).
  const named = message.attachments.some((name) => ctx.mediaExhibits.has(`${message.seq}/${name}`));
  for (const name of message.attachments) {
    const exhibit = ctx.mediaExhibits.get(`${message.seq}/${name}`) ?? (named ? undefined : ctx.mediaExhibits.get(String(message.seq)));
    push(`Attachment: ${name}${exhibit ? ` (shown as Exhibit ${exhibit})` : ''}`, 'regular', INDENT + 8, 8);
  }
  const note = boxed ? wrapText(fonts, `Note: ${message.note}`, TEXT_SIZE, 'regular', NOTE_WIDTH - 10) : undefined;
  return {
    lines,
    ...(note ? { note } : {}),
    client: message.isClient === true,
    boxed,
    ...(gap > 0 ? { gap: `· · · ${gap} message${gap === 1 ? '' : 's'} not shown · · ·` } : {}),
  };
}
