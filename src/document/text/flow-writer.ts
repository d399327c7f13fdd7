import type { FontSet } from '../fonts/load-fonts.js';
import { BODY_SIZE, CONTENT_BOTTOM, CONTENT_TOP_GAP, LINE_FACTOR, MARGIN_X, SMALL_SIZE } from '../page/geometry.js';
import type { DrawOp, FontFace, PlannedPage } from '../types.js';
import { wrapRuns, type TextRun } from './rich-text.js';
import { wrapText } from './wrap-text.js';

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
      const cells = columns.map((column, i) => wrapText(this.fonts, row[i] ?? '', size, column.face ?? 'regular', column.width - 6));
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
