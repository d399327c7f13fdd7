import { formatDateFact } from '../../evidence/dates.js';
import type { ChatExhibit, ChatMessage, CaseInfo } from '../../evidence/model.js';
import { clientLine, describeDateSource } from '../../evidence/describe.js';
import type { FontFace, DrawOp, PlannedPage } from '../types.js';
import type { FontSet } from '../fonts/load-fonts.js';
import { BODY_SIZE, CONTENT_BOTTOM, LINE_FACTOR, MARGIN_X } from '../page/geometry.js';
import { wrapText } from '../text/wrap-text.js';
import { contentTop } from '../page/content-area.js';
import { INDENT, LINE, type MessageBlock, type MessageLine, NOTE_WIDTH, TEXT_SIZE, wrapMessage } from './wrap-message.js';

const PAD = 8;
/** A message too long for one page keeps at least this many lines with its caption. */
const KEEP_LINES = 3;

export interface ChatPageContext {
  readonly info: CaseInfo;
  readonly paper: { width: number; height: number };
  /** The exhibit's number, and how many exhibits the packet has. */
  readonly number: number;
  readonly total: number;
  /** Attachments shown as exhibits right after their message: "seq/name" (and "seq", the first) → exhibit number. */
  readonly mediaExhibits: ReadonlyMap<string, number>;
  /** The column the transcript is set in, when it shares its page beside an image: else the page's width between the margins. */
  readonly column?: { readonly x: number; readonly width: number };
}

/** A page begun by an exhibit before: its drawing and how far down it is filled. */
export interface SharedStart {
  readonly ops: DrawOp[];
  readonly y: number;
}

/** Draws the caption band from `y` down; returns where what follows starts. */
function drawCaption(ops: DrawOp[], y: number, caption: readonly { text: string; face: FontFace }[], x: number, width: number): number {
  const bandHeight = caption.length * BODY_SIZE * LINE_FACTOR + 2 * PAD;
  ops.push({ op: 'rect', x, y: y - bandHeight, w: width, h: bandHeight, fillGray: 0.94, strokeGray: 0.2, strokeWidth: 0.8 });
  caption.forEach((line, i) => {
    ops.push({
      op: 'text',
      x: x + PAD,
      y: y - PAD - (i + 1) * BODY_SIZE * LINE_FACTOR + BODY_SIZE * 0.25,
      text: line.text,
      size: BODY_SIZE,
      face: line.face,
    });
  });
  return y - bandHeight - 12;
}

/** The caption band's lines: exhibit, conversation, span and where times come from, client, note. */
function captionLines(fonts: FontSet, ctx: ChatPageContext, exhibit: ChatExhibit, width: number): { text: string; face: FontFace }[] {
  const { info } = ctx;
  const caption: { text: string; face: FontFace }[] = [];
  const add = (text: string, face: FontFace = 'regular') => {
    for (const line of wrapText(fonts, text, BODY_SIZE, face, width - 2 * PAD)) caption.push({ text: line, face });
  };
  // One export is one exhibit: its excerpts are its parts, under its one number.
  const part = exhibit.excerpt ? `, part ${exhibit.excerpt.part} of ${exhibit.excerpt.parts}` : '';
  add(`Exhibit ${ctx.number} of ${ctx.total}${part} · ${exhibit.format} · ${exhibit.file}`, 'bold');
  if (exhibit.title) add(`Conversation: ${exhibit.title}`);
  const first = exhibit.messages[0]!;
  const last = exhibit.messages[exhibit.messages.length - 1]!;
  const shown = exhibit.messages.length === 1 ? '1 message' : `${exhibit.messages.length} messages`;
  add(
    `${shown} of ${exhibit.totalMessages} in the export, ${formatDateFact(first.date, info.timezone?.value)} to ${formatDateFact(last.date, info.timezone?.value)}; times ${describeDateSource(first.date, info.timezone)}`,
  );
  add(`Client: ${clientLine(info)} — the client’s messages are marked ▶ CLIENT, with a bar in the margin`);
  if (exhibit.note && (exhibit.excerpt?.part ?? 1) === 1) add(`Note: ${exhibit.note.value}`);
  return caption;
}

/**
 * A transcript excerpt: a caption band like an image exhibit's, then one block per message
 * (time with offset, sender, text, attachments). The client's messages carry a ▶ CLIENT
 * marker and a bar in the margin, so they stand out in black and white too; noted messages
 * are boxed with the note beside them. Long excerpts continue over several pages. Given
 * `start`, the excerpt begins on a page already begun (after a short excerpt before it),
 * which is the caller's; `pages` are the pages it adds, `endY` where it ends on the last.
 */
export function planChatPages(
  fonts: FontSet,
  ctx: ChatPageContext,
  exhibit: ChatExhibit,
  index: number,
  start?: SharedStart,
): { pages: PlannedPage[]; endY: number; shared: boolean } {
  const w = new TranscriptPages(ctx, exhibit, index);
  const caption = captionLines(fonts, ctx, exhibit, w.width);
  const blocks: MessageBlock[] = [];
  let previous: ChatMessage | undefined;
  for (const message of exhibit.messages) {
    const gap = previous && message.seq > previous.seq + 1 ? message.seq - previous.seq - 1 : 0;
    blocks.push(wrapMessage(fonts, ctx, message, w.width, gap));
    previous = message;
  }
  // A caption is never left alone at a page's foot: it starts on the page begun before only with its first message under it.
  const shared = start !== undefined && start.y - captionHeight(caption) - w.keepHeight(blocks[0]) >= CONTENT_BOTTOM;
  if (shared) [w.ops, w.y] = [start.ops, start.y];
  else w.newPage(false);
  w.y = drawCaption(w.ops, w.y, caption, w.x, w.width);
  for (const block of blocks) w.drawBlock(block);
  return { pages: w.pages, endY: w.y, shared };
}

/** The room a caption band takes with the space under it (see drawCaption). */
function captionHeight(caption: readonly unknown[]): number {
  return caption.length * BODY_SIZE * LINE_FACTOR + 2 * PAD + 12;
}

/** The pages a transcript excerpt adds, and where it has got to: the operations of the page it is on and the y it is at. */
class TranscriptPages {
  readonly pages: PlannedPage[] = [];
  ops: DrawOp[] = [];
  y = 0;
  readonly x: number;
  readonly width: number;
  private readonly top: number;

  constructor(
    private readonly ctx: ChatPageContext,
    private readonly exhibit: ChatExhibit,
    private readonly index: number,
  ) {
    this.x = ctx.column?.x ?? MARGIN_X;
    this.width = ctx.column?.width ?? ctx.paper.width - 2 * MARGIN_X;
    this.top = contentTop(ctx.paper);
  }

  newPage(continued: boolean): void {
    this.ops = [];
    this.pages.push({ kind: 'exhibit', label: `Exhibit ${this.ctx.number}`, ops: this.ops, exhibit: this.index });
    this.y = this.top;
    if (continued) {
      this.y -= BODY_SIZE * LINE_FACTOR;
      this.ops.push({
        op: 'text',
        x: this.x,
        y: this.y,
        text: `Exhibit ${this.ctx.number} (continued) · ${this.exhibit.file}`,
        size: BODY_SIZE,
        face: 'bold',
      });
      this.y -= 8;
    }
  }

  /** The room a message needs under its caption: all of it when it fits on a page (it is not cut), else its first lines. */
  keepHeight(block: MessageBlock | undefined): number {
    if (!block) return 0;
    const height = this.blockHeight(block);
    return height <= this.top - CONTENT_BOTTOM - 30 ? height : KEEP_LINES * LINE + (block.boxed ? 8 : 0);
  }

  private blockHeight(block: MessageBlock): number {
    return Math.max(block.lines.length, (block.note ?? []).length) * LINE + (block.boxed ? 8 : 0) + 6;
  }

  drawBlock(block: MessageBlock): void {
    if (block.gap) {
      if (this.y - LINE * 1.5 < CONTENT_BOTTOM) this.newPage(true);
      this.y -= LINE;
      this.ops.push({ op: 'text', x: this.x + INDENT, y: this.y, text: block.gap, size: TEXT_SIZE, face: 'regular' });
      this.y -= LINE * 0.5;
    }
    const noteLines = block.note ?? [];
    const height = this.blockHeight(block);
    const pageRoom = this.top - CONTENT_BOTTOM - 30;
    // Keep a message on one page when it fits on one; a longer one flows over pages.
    if (this.y - height < CONTENT_BOTTOM && height <= pageRoom) this.newPage(true);
    let i = 0;
    let noteRest = noteLines;
    // A segment per page: message lines and note lines both carry over to the next page.
    while (i < block.lines.length || noteRest.length > 0) {
      const fits = Math.max(1, Math.floor((this.y - CONTENT_BOTTOM - (block.boxed ? 8 : 0)) / LINE));
      const slice = block.lines.slice(i, i + fits);
      const notes = noteRest.slice(0, fits);
      noteRest = noteRest.slice(fits);
      this.drawSegment(block, slice, notes);
      i += slice.length;
      if (i < block.lines.length || noteRest.length > 0) this.newPage(true);
    }
  }

  /** The part of a message (and of its note) that fits on this page, with its client bar and box. */
  private drawSegment(block: MessageBlock, slice: readonly MessageLine[], notes: readonly string[]): void {
    const { ops, width } = this;
    const rows = Math.max(slice.length, notes.length);
    const segmentTop = this.y;
    const inner = block.boxed ? 4 : 0;
    slice.forEach((line, j) => {
      ops.push({
        op: 'text',
        x: this.x + line.indent,
        y: segmentTop - inner - (j + 1) * LINE + TEXT_SIZE * 0.25,
        text: line.text,
        size: TEXT_SIZE,
        face: line.face,
      });
    });
    notes.forEach((line, j) => {
      ops.push({
        op: 'text',
        x: this.x + width - NOTE_WIDTH + 6,
        y: segmentTop - inner - (j + 1) * LINE + TEXT_SIZE * 0.25,
        text: line,
        size: TEXT_SIZE,
        face: 'regular',
      });
    });
    const segmentHeight = rows * LINE + 2 * inner;
    if (block.client) {
      ops.push({ op: 'rect', x: this.x, y: segmentTop - segmentHeight, w: 3, h: segmentHeight, fillGray: 0 });
    }
    if (block.boxed) {
      ops.push({ op: 'rect', x: this.x + 6, y: segmentTop - segmentHeight, w: width - 6, h: segmentHeight, strokeGray: 0, strokeWidth: 1.5 });
      ops.push({
        op: 'line',
        x1: this.x + width - NOTE_WIDTH,
        y1: segmentTop,
        x2: this.x + width - NOTE_WIDTH,
        y2: segmentTop - segmentHeight,
        width: 0.8,
        gray: 0.3,
      });
    }
    this.y = segmentTop - segmentHeight - 6;
  }
}
