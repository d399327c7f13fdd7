import type { FontSet } from '../fonts/load-fonts.js';
import { CONTENT_BOTTOM, CONTENT_TOP_GAP, MARGIN_X } from '../page/geometry.js';
import type { DrawOp, FontFace, PlannedPage } from '../types.js';
import { ROOMY_STYLE, type FlowStyle } from './flow-style.js';
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
 * when the next block does not fit. Table headers repeat on every page. After `columns(n)`
 * text flows down n columns, the next one when a column is full, then a new page.
 */
export class FlowWriter {
  readonly pages: PlannedPage[] = [];
  private ops: DrawOp[] = [];
  private y = 0;
  private readonly top: number;
  private readonly fullWidth: number;
  /** The text column: its width, its left edge, and where it starts on this page. */
  contentWidth: number;
  private left = MARGIN_X;
  private columnTop: number;
  private column = 0;
  private columnCount = 1;
  private gutter = 0;

  constructor(
    private readonly fonts: FontSet,
    paper: { width: number; height: number },
    private kind: PlannedPage['kind'],
    private label: string,
    readonly style: FlowStyle = ROOMY_STYLE,
  ) {
    this.top = paper.height - CONTENT_TOP_GAP;
    this.columnTop = this.top;
    this.fullWidth = paper.width - 2 * MARGIN_X;
    this.contentWidth = this.fullWidth;
    this.newPage();
  }

  private newPage(): void {
    this.ops = [];
    this.pages.push({ kind: this.kind, label: this.label, ops: this.ops });
    this.y = this.top;
    this.columnTop = this.top;
    this.toColumn(0);
  }

  private toColumn(column: number): void {
    this.column = column;
    this.left = MARGIN_X + column * (this.contentWidth + this.gutter);
  }

  private ensure(height: number, onNewPage?: () => void): void {
    if (this.y - height < CONTENT_BOTTOM && this.y < this.columnTop) {
      if (this.column + 1 < this.columnCount) {
        this.toColumn(this.column + 1);
        this.y = this.columnTop;
      } else this.newPage();
      onNewPage?.();
    }
  }

  /** From here on (to the writer's end), text flows down `count` columns `gutter` points apart. */
  columns(count: number, gutter = 14): void {
    this.columnCount = count;
    this.gutter = count > 1 ? gutter : 0;
    this.contentWidth = (this.fullWidth - this.gutter * (count - 1)) / count;
    this.columnTop = this.y;
    this.toColumn(0);
  }

  /**
   * Goes on with another section: on this page when at least `room` points are left (the
   * page's header then names both sections), else on a new page.
   */
  section(kind: PlannedPage['kind'], label: string, room = this.style.sectionRoom): void {
    const last = this.pages[this.pages.length - 1]!;
    this.kind = kind;
    this.label = label;
    if (this.y - room < CONTENT_BOTTOM) {
      this.newPage();
      return;
    }
    this.pages[this.pages.length - 1] = { ...last, label: `${last.label} · ${label}` };
    this.space(this.style.body);
  }

  space(points: number): void {
    this.y -= points;
  }

  heading(text: string, asked = 15): void {
    const size = this.style.headingSize(asked);
    const lines = wrapText(this.fonts, text, size, 'bold', this.contentWidth);
    this.ensure(lines.length * size * this.style.lineFactor + 3 * this.style.body);
    const role = asked >= 16 ? 'H1' : asked >= 13 ? 'H2' : 'H3';
    for (const line of lines) {
      this.y -= size * this.style.lineFactor;
      this.ops.push({ op: 'text', x: this.left, y: this.y, text: line, size, face: 'bold', role });
    }
    this.y -= size * 0.5;
  }

  paragraph(text: string, options: { size?: number; face?: FontFace; indent?: number; after?: number } = {}): void {
    const size = options.size ?? this.style.body;
    const face = options.face ?? 'regular';
    const indent = options.indent ?? 0;
    for (const line of wrapText(this.fonts, text, size, face, this.contentWidth - indent)) {
      this.ensure(size * this.style.lineFactor);
      this.y -= size * this.style.lineFactor;
      this.ops.push({ op: 'text', x: this.left + indent, y: this.y, text: line, size, face });
    }
    this.y -= options.after ?? size * 0.6;
  }

  /**
   * A paragraph of text in several faces, wrapped; `marker` ("•", "2.") is set in the
   * indent before its first line, as a list item's.
   */
  rich(runs: readonly TextRun[], options: { indent?: number; after?: number; marker?: { text: string; x: number } } = {}): void {
    const size = this.style.body;
    const indent = options.indent ?? 0;
    wrapRuns(this.fonts, runs, size, this.contentWidth - indent).forEach((line, i) => {
      this.ensure(size * this.style.lineFactor);
      this.y -= size * this.style.lineFactor;
      if (i === 0 && options.marker)
        this.ops.push({ op: 'text', x: this.left + options.marker.x, y: this.y, text: options.marker.text, size, face: 'regular' });
      for (const segment of line) this.ops.push({ op: 'text', x: this.left + indent + segment.x, y: this.y, text: segment.text, size, face: segment.face });
    });
    this.y -= options.after ?? size * 0.6;
  }

  /** A thin rule across the text column. */
  rule(): void {
    this.ensure(this.style.body);
    this.y -= this.style.body * 0.6;
    this.ops.push({ op: 'line', x1: this.left, y1: this.y, x2: this.left + this.contentWidth, y2: this.y, width: 0.6, gray: 0.5 });
    this.y -= this.style.body * 0.6;
  }

  /** A label in bold and its value wrapped beside it. */
  field(label: string, value: string, labelWidth = this.style.labelWidth): void {
    const size = this.style.body;
    const lines = wrapText(this.fonts, value, size, 'regular', this.contentWidth - labelWidth);
    this.ensure(lines.length * size * this.style.lineFactor);
    lines.forEach((line, i) => {
      this.y -= size * this.style.lineFactor;
      if (i === 0) this.ops.push({ op: 'text', x: this.left, y: this.y, text: label, size, face: 'bold' });
      this.ops.push({ op: 'text', x: this.left + labelWidth, y: this.y, text: line, size, face: 'regular' });
    });
    this.y -= 2;
  }

  table(columns: readonly TableColumn[], rows: readonly (readonly string[])[]): void {
    const size = this.style.small;
    const lineHeight = size * this.style.lineFactor;
    const drawHeader = () => {
      this.y -= lineHeight;
      let x = this.left;
      for (const column of columns) {
        this.ops.push({ op: 'text', x: alignX(this.fonts, x, column, column.title, size, 'bold'), y: this.y, text: column.title, size, face: 'bold' });
        x += column.width;
      }
      this.y -= this.style.rowPad;
      this.ops.push({ op: 'line', x1: this.left, y1: this.y, x2: this.left + this.contentWidth, y2: this.y, width: 0.8, gray: 0 });
    };
    this.ensure(lineHeight * 3);
    drawHeader();
    for (const row of rows) {
      const cells = columns.map((column, i) => wrapText(this.fonts, row[i] ?? '', size, column.face ?? 'regular', column.width - 6));
      const height = Math.max(...cells.map((c) => c.length)) * lineHeight + this.style.rowPad;
      this.ensure(height + lineHeight, drawHeader);
      let x = this.left;
      cells.forEach((lines, i) => {
        const column = columns[i]!;
        lines.forEach((line, j) => {
          const face = column.face ?? 'regular';
          this.ops.push({ op: 'text', x: alignX(this.fonts, x, column, line, size, face), y: this.y - (j + 1) * lineHeight, text: line, size, face });
        });
        x += column.width;
      });
      this.y -= height;
      this.ops.push({ op: 'line', x1: this.left, y1: this.y, x2: this.left + this.contentWidth, y2: this.y, width: 0.4, gray: 0.6 });
    }
    this.y -= this.style.body;
  }
}

function alignX(fonts: FontSet, x: number, column: TableColumn, text: string, size: number, face: FontFace): number {
  return column.align === 'right' ? x + column.width - 6 - fonts.measure(text, size, face) : x;
}
