import { maskText } from '../chat/sensitive.js';
import type { FontFace, FontSet } from './fonts.js';
import { wrapRuns, type TextRun } from './rich-text.js';

export type Paper = 'letter' | 'a4';
export interface PageSize {
  readonly width: number;
  readonly height: number;
}
export const PAPER_SIZES: Record<Paper, PageSize> = {
  letter: { width: 612, height: 792 },
  a4: { width: 595.28, height: 841.89 },
};

/** The same paper turned a quarter: a landscape page is a page of its own size, not a rotated one. */
export function landscapeOf(paper: PageSize): PageSize {
  return { width: Math.max(paper.width, paper.height), height: Math.min(paper.width, paper.height) };
}

/** Page geometry in points; generated text is never below 10 pt. */
export const MARGIN_X = 48;
export const HEADER_BASELINE = 36;
export const CONTENT_TOP_GAP = 64;
export const CONTENT_BOTTOM = 56;
export const FOOTER_BASELINE = 28;
export const BODY_SIZE = 10.5;
export const SMALL_SIZE = 10;
export const LINE_FACTOR = 1.3;

export type DrawOp =
  /** `role`: a heading's level in the packet's structure (other text is a paragraph). */
  | { op: 'text'; x: number; y: number; text: string; size: number; face: FontFace; role?: 'H1' | 'H2' | 'H3' }
  | { op: 'line'; x1: number; y1: number; x2: number; y2: number; width: number; gray: number }
  | { op: 'rect'; x: number; y: number; w: number; h: number; fillGray?: number; strokeGray?: number; strokeWidth?: number };

export interface PlannedPage {
  readonly kind: 'cover' | 'index' | 'exhibit' | 'appendix';
  /** Header label: "Exhibit 3", "Index of exhibits"… */
  readonly label: string;
  readonly ops: DrawOp[];
  /** For exhibit pages: which exhibit (0-based, in packet order); the first, when several share the page. */
  readonly exhibit?: number;
  /** The page's own size when it is not the paper's (a landscape page for a wide capture). */
  readonly size?: PageSize;
  /** The bookmark a reviewer sees for the section or exhibit that starts here, when it says more than the label. */
  readonly bookmark?: string;
}

/**
 * Characters a PDF text operator cannot show as-is: tabs become spaces, controls vanish. Card
 * numbers are masked here too, before text is wrapped (a number cut over two lines would no
 * longer be recognised): whatever the model missed, no PAN is drawn.
 */
export function cleanText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return maskText(text.replace(/\t/g, '    ').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ''));
}

/** Greedy word wrap; words wider than the line are broken between characters. */
export function wrapText(fonts: FontSet, text: string, size: number, face: FontFace, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of fonts.visible(cleanText(text)).split(/\r?\n/)) {
    const words = paragraph.split(/ +/).filter(Boolean);
    if (words.length === 0) {
      lines.push('');
      continue;
    }
    // Words are measured one by one (and remembered), not each growing line again: shaping
    // whole lines made wrapping quadratic in the line's length.
    const space = fonts.measure(' ', size, face);
    let line = '';
    let lineWidth = 0;
    for (const word of words) {
      const wordWidth = fonts.measure(word, size, face);
      const candidateWidth = line ? lineWidth + space + wordWidth : wordWidth;
      if (candidateWidth <= width) {
        line = line ? `${line} ${word}` : word;
        lineWidth = candidateWidth;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      // A word wider than the line is cut where it stops fitting. Only a line's worth of it
      // is measured at each cut (a 5 MB word measured whole at every cut took minutes).
      const most = Math.max(2, Math.ceil(width / (size * 0.15)));
      let rest = word;
      while (rest.length > 1 && fonts.measure(rest.slice(0, most + 1), size, face) > width) {
        const cut = fittingPrefix(fonts, rest.slice(0, most + 1), size, face, width);
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
      lineWidth = fonts.measure(rest, size, face);
    }
    lines.push(line);
  }
  return lines;
}

/** How much of a word too wide for the line goes on this line: the longest prefix that fits (at least one character), cut after a separator when one fits. */
function fittingPrefix(fonts: FontSet, text: string, size: number, face: FontFace, width: number): number {
  let [low, high] = [1, text.length - 1];
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fonts.measure(text.slice(0, mid), size, face) <= width) low = mid;
    else high = mid - 1;
  }
  // Prefer to break a long path or address after a separator that fits.
  const separator = Math.max(...['/', '_', '-', '.', '@'].map((c) => text.lastIndexOf(c, low - 1)));
  return separator > 0 ? separator + 1 : low;
}

export interface TableColumn {
  readonly title: string;
  readonly width: number;
  readonly align?: 'left' | 'right';
  readonly face?: FontFace;
}

/**
 * Flows headings, paragraphs and table rows down pages of one kind, starting a new page
 * when the next block does not fit. Table headers repeat on every page.
 */
export class FlowWriter {
  readonly pages: PlannedPage[] = [];
  private ops: DrawOp[] = [];
  private y = 0;
  private readonly top: number;
  readonly contentWidth: number;

  constructor(
    private readonly fonts: FontSet,
    paper: { width: number; height: number },
    private kind: PlannedPage['kind'],
    private label: string,
  ) {
    this.top = paper.height - CONTENT_TOP_GAP;
    this.contentWidth = paper.width - 2 * MARGIN_X;
    this.newPage();
  }

  private newPage(): void {
    this.ops = [];
    this.pages.push({ kind: this.kind, label: this.label, ops: this.ops });
    this.y = this.top;
  }

  private ensure(height: number, onNewPage?: () => void): void {
    if (this.y - height < CONTENT_BOTTOM && this.y < this.top) {
      this.newPage();
      onNewPage?.();
    }
  }

  /**
   * Goes on with another section: on this page when at least `room` points are left (the
   * page's header then names both sections), else on a new page.
   */
  section(kind: PlannedPage['kind'], label: string, room = 180): void {
    const last = this.pages[this.pages.length - 1]!;
    this.kind = kind;
    this.label = label;
    if (this.y - room < CONTENT_BOTTOM) {
      this.newPage();
      return;
    }
    this.pages[this.pages.length - 1] = { ...last, label: `${last.label} · ${label}` };
    this.space(BODY_SIZE);
  }

  space(points: number): void {
    this.y -= points;
  }

  heading(text: string, size = 15): void {
    const lines = wrapText(this.fonts, text, size, 'bold', this.contentWidth);
    this.ensure(lines.length * size * LINE_FACTOR + 3 * BODY_SIZE);
    const role = size >= 16 ? 'H1' : size >= 13 ? 'H2' : 'H3';
    for (const line of lines) {
      this.y -= size * LINE_FACTOR;
      this.ops.push({ op: 'text', x: MARGIN_X, y: this.y, text: line, size, face: 'bold', role });
    }
    this.y -= size * 0.5;
  }

  paragraph(text: string, options: { size?: number; face?: FontFace; indent?: number; after?: number } = {}): void {
    const size = options.size ?? BODY_SIZE;
    const face = options.face ?? 'regular';
    const indent = options.indent ?? 0;
    for (const line of wrapText(this.fonts, text, size, face, this.contentWidth - indent)) {
      this.ensure(size * LINE_FACTOR);
      this.y -= size * LINE_FACTOR;
      this.ops.push({ op: 'text', x: MARGIN_X + indent, y: this.y, text: line, size, face });
    }
    this.y -= options.after ?? size * 0.6;
  }

  /**
   * A paragraph of text in several faces, wrapped; `marker` ("•", "2.") is set in the
   * indent before its first line, as a list item's.
   */
  rich(runs: readonly TextRun[], options: { indent?: number; after?: number; marker?: { text: string; x: number } } = {}): void {
    const size = BODY_SIZE;
    const indent = options.indent ?? 0;
    wrapRuns(this.fonts, runs, size, this.contentWidth - indent).forEach((line, i) => {
      this.ensure(size * LINE_FACTOR);
      this.y -= size * LINE_FACTOR;
      if (i === 0 && options.marker) this.ops.push({ op: 'text', x: MARGIN_X + options.marker.x, y: this.y, text: options.marker.text, size, face: 'regular' });
      for (const segment of line) this.ops.push({ op: 'text', x: MARGIN_X + indent + segment.x, y: this.y, text: segment.text, size, face: segment.face });
    });
    this.y -= options.after ?? size * 0.6;
  }

  /** A thin rule across the text column. */
  rule(): void {
    this.ensure(BODY_SIZE);
    this.y -= BODY_SIZE * 0.6;
    this.ops.push({ op: 'line', x1: MARGIN_X, y1: this.y, x2: MARGIN_X + this.contentWidth, y2: this.y, width: 0.6, gray: 0.5 });
    this.y -= BODY_SIZE * 0.6;
  }

  /** A label in bold and its value wrapped beside it. */
  field(label: string, value: string, labelWidth = 110): void {
    const size = BODY_SIZE;
    const lines = wrapText(this.fonts, value, size, 'regular', this.contentWidth - labelWidth);
    this.ensure(lines.length * size * LINE_FACTOR);
    lines.forEach((line, i) => {
      this.y -= size * LINE_FACTOR;
      if (i === 0) this.ops.push({ op: 'text', x: MARGIN_X, y: this.y, text: label, size, face: 'bold' });
      this.ops.push({ op: 'text', x: MARGIN_X + labelWidth, y: this.y, text: line, size, face: 'regular' });
    });
    this.y -= 2;
  }

  table(columns: readonly TableColumn[], rows: readonly (readonly string[])[]): void {
    const size = SMALL_SIZE;
    const lineHeight = size * LINE_FACTOR;
    const drawHeader = () => {
      this.y -= lineHeight;
      let x = MARGIN_X;
      for (const column of columns) {
        this.ops.push({ op: 'text', x: alignX(this.fonts, x, column, column.title, size, 'bold'), y: this.y, text: column.title, size, face: 'bold' });
        x += column.width;
      }
      this.y -= 4;
      this.ops.push({ op: 'line', x1: MARGIN_X, y1: this.y, x2: MARGIN_X + this.contentWidth, y2: this.y, width: 0.8, gray: 0 });
    };
    this.ensure(lineHeight * 3);
    drawHeader();
    for (const row of rows) {
      const cells = columns.map((column, i) =>
        wrapText(this.fonts, row[i] ?? '', size, column.face ?? 'regular', column.width - 6),
      );
      const height = Math.max(...cells.map((c) => c.length)) * lineHeight + 4;
      this.ensure(height + lineHeight, drawHeader);
      let x = MARGIN_X;
      cells.forEach((lines, i) => {
        const column = columns[i]!;
        lines.forEach((line, j) => {
          const face = column.face ?? 'regular';
          this.ops.push({ op: 'text', x: alignX(this.fonts, x, column, line, size, face), y: this.y - (j + 1) * lineHeight, text: line, size, face });
        });
        x += column.width;
      });
      this.y -= height;
      this.ops.push({ op: 'line', x1: MARGIN_X, y1: this.y, x2: MARGIN_X + this.contentWidth, y2: this.y, width: 0.4, gray: 0.6 });
    }
    this.y -= BODY_SIZE;
  }
}

function alignX(fonts: FontSet, x: number, column: TableColumn, text: string, size: number, face: FontFace): number {
  return column.align === 'right' ? x + column.width - 6 - fonts.measure(text, size, face) : x;
}
