import { MIN_TEXT_PT, textHeightPx } from '../rules/visible-facts.js';
import { dateFactFromEpoch, formatDateFact } from '../evidence/dates.js';
import type { CaseInfo, Exhibit, Finding, ImageExhibit, SourceFile } from '../evidence/model.js';
import { findProfile } from '../budget/profiles.js';
import { planChatPages } from './plan-chat.js';
import { clientLine, describeDateSource, exhibitEndDate, exhibitKindLabel, formatAmount, formatExhibitDate, humanizeReason } from '../evidence/describe.js';
import type { FontSet } from './fonts.js';
import {
  BODY_SIZE,
  CONTENT_BOTTOM,
  CONTENT_TOP_GAP,
  FlowWriter,
  LINE_FACTOR,
  MARGIN_X,
  wrapText,
  type DrawOp,
  type PlannedPage,
} from './layout.js';
import { NATURAL_PT_PER_PX } from '../imaging/encode.js';
import { visibleSize } from '../imaging/visible.js';

export interface PacketInput {
  readonly info: CaseInfo;
  /** In packet order (see orderExhibits). */
  readonly exhibits: readonly Exhibit[];
  readonly sources: readonly SourceFile[];
  readonly findings: readonly Finding[];
  readonly paper: { width: number; height: number };
  /** The instant written as the packet's date: SOURCE_DATE_EPOCH or the latest exhibit. */
  readonly generatedAtMs: number;
  /** The filled cover letter (Markdown-like text), if any. */
  readonly letter?: string;
  /** When the packet is one of several files (--split): which, and how exhibits are numbered. */
  readonly part?: PartInfo;
}

/** One file of a packet split over several: exhibits keep their numbers across the files. */
export interface PartInfo {
  readonly number: number;
  readonly parts: number;
  /** The number of this file's first exhibit. */
  readonly firstExhibit: number;
  readonly totalExhibits: number;
  /** Every file of the packet and the exhibits it holds, for the cover. */
  readonly files: readonly { readonly name: string; readonly first: number; readonly last: number }[];
}

/** The number an exhibit is known by (across every file of a split packet), and how many there are. */
export function exhibitNumbering(input: Pick<PacketInput, 'part' | 'exhibits'>): { number: (index: number) => number; total: number } {
  const first = input.part?.firstExhibit ?? 1;
  return { number: (index) => first + index, total: input.part?.totalExhibits ?? input.exhibits.length };
}

export interface ImagePlacement {
  readonly exhibit: number;
  readonly page: number;
  /** Where the whole image is drawn; for a part of a split capture it reaches past the page. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** For a part of a split capture: the region of the page that shows it. */
  readonly clip?: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
}

export interface PacketPlan {
  readonly pages: PlannedPage[];
  readonly placements: ImagePlacement[];
  /** 1-based page on which each exhibit starts, and ends. */
  readonly exhibitStartPages: number[];
  readonly exhibitEndPages: number[];
}

const CAPTION_PAD = 8;

/** Lays out every page before anything is drawn, so the index can name true page numbers. */
export function planPacket(fonts: FontSet, input: PacketInput): PacketPlan {
  const cover = planCover(fonts, input);
  const indexPageCount = planIndex(fonts, input, input.exhibits.map(() => 0)).length;
  const firstExhibitPage = cover.length + indexPageCount + 1;

  const exhibitPages: PlannedPage[] = [];
  const placements: ImagePlacement[] = [];
  const exhibitStartPages: number[] = [];
  const exhibitEndPages: number[] = [];
  // An image a message refers to is named in the transcript with its exhibit number.
  const mediaExhibits = new Map<string, Map<number, number>>();
  const { number, total } = exhibitNumbering(input);
  input.exhibits.forEach((exhibit, i) => {
    if (exhibit.kind !== 'image' || !exhibit.follows) return;
    const byFile = mediaExhibits.get(exhibit.follows.file) ?? new Map<number, number>();
    if (!byFile.has(exhibit.follows.seq)) byFile.set(exhibit.follows.seq, number(i));
    mediaExhibits.set(exhibit.follows.file, byFile);
  });
  input.exhibits.forEach((exhibit, i) => {
    const pageNumber = firstExhibitPage + exhibitPages.length;
    exhibitStartPages.push(pageNumber);
    if (exhibit.kind === 'chat') {
      const ctx = { info: input.info, paper: input.paper, number: number(i), total, mediaExhibits: mediaExhibits.get(exhibit.file) ?? new Map<number, number>() };
      exhibitPages.push(...planChatPages(fonts, ctx, exhibit, i));
    } else {
      for (const { page, placement } of planImagePages(fonts, input, exhibit, i)) {
        placements.push({ ...placement, exhibit: i, page: firstExhibitPage + exhibitPages.length });
        exhibitPages.push(page);
      }
    }
    exhibitEndPages.push(firstExhibitPage + exhibitPages.length - 1);
  });
  const index = planIndex(fonts, input, exhibitStartPages);
  const appendix = planAppendix(fonts, input);
  return { pages: [...cover, ...index, ...exhibitPages, ...appendix], placements, exhibitStartPages, exhibitEndPages };
}

function planCover(fonts: FontSet, input: PacketInput): PlannedPage[] {
  const { info, exhibits } = input;
  const w = new FlowWriter(fonts, input.paper, 'cover', 'Cover');
  w.heading(`Chargeback evidence — case ${info.id}`, 16);
  const profile = findProfile(info.profile);
  w.field('Case', info.id);
  w.field('Processor', `${profile?.label ?? info.profile}${info.network ? ` · network: ${info.network}` : ''}`);
  if (info.reason) w.field('Reason', humanizeReason(info.reason));
  const amount = formatAmount(info.amount, info.currency);
  if (amount) w.field('Amount', amount);
  if (info.transaction?.id || info.transaction?.date) {
    w.field('Transaction', [info.transaction.id, info.transaction.date ? formatDateFact(info.transaction.date, info.timezone?.value) : undefined].filter(Boolean).join(' · '));
  }
  if (info.order) w.field('Order', info.order);
  if (info.ticket) w.field('Support ticket', info.ticket);
  if (info.due) {
    const inZone = info.timezone ? ` (${formatDateFact(info.due, info.timezone.value)} in ${info.timezone.value})` : '';
    w.field('Response due', `${formatDateFact(info.due, undefined)}${inZone}`);
  }
  w.field('Client', clientLine(info));
  if (info.client.aliases.length > 0) w.field('Also appears as', info.client.aliases.join(', '));
  if (info.merchant.name || info.merchant.email) {
    w.field('Merchant', [info.merchant.name, info.merchant.email ? `<${info.merchant.email}>` : undefined].filter(Boolean).join(' '));
  }
  const first = exhibits[0];
  const last = exhibits[exhibits.length - 1];
  const span = first && last ? `, ${formatExhibitDate(first, info)} to ${formatDateFact(exhibitEndDate(last), info.timezone?.value)}` : '';
  const part = input.part;
  if (part) {
    const { number } = exhibitNumbering(input);
    w.field('File', `part ${part.number} of ${part.parts} of this packet`);
    w.field('Exhibits', `${number(0)} to ${number(exhibits.length - 1)} of ${part.totalExhibits} in this file${span}`);
    const others = part.files.filter((_, k) => k !== part.number - 1).map((f) => `${f.first === f.last ? `exhibit ${f.first}` : `exhibits ${f.first} to ${f.last}`} in ${f.name}`);
    w.field('Other files', `${others.join('; ')}. Exhibit numbers are the same in every file.`);
  } else w.field('Exhibits', `${exhibits.length}${span}`);
  if (info.timezone) w.field('Times shown in', `${info.timezone.value}, each with its UTC offset`);
  w.field('Prepared', formatDateFact({ ...dateFactFromEpoch(input.generatedAtMs, '', 'manifest'), precision: 'minute' }, undefined));
  w.space(BODY_SIZE);
  if (input.letter) w.markdown(input.letter);
  else if (info.summary) {
    w.heading('Summary', 12);
    w.paragraph(info.summary);
  }
  return w.pages;
}

function planIndex(fonts: FontSet, input: PacketInput, startPages: readonly number[]): PlannedPage[] {
  const w = new FlowWriter(fonts, input.paper, 'index', 'Index of exhibits');
  w.heading('Index of exhibits', 14);
  w.paragraph(
    'Exhibits follow in time order. Each exhibit page starts with a caption giving the exhibit number, the date and time with its UTC offset and where that date comes from, the client’s name and email, and why the exhibit matters. The appendix lists every source file with its SHA-256 hash.',
  );
  const rest = w.contentWidth - (30 + 112 + 72 + 128 + 36);
  w.table(
    [
      { title: 'No.', width: 30 },
      { title: 'Date', width: 112 },
      { title: 'Kind', width: 72 },
      { title: 'Source file', width: 128 },
      { title: 'Note', width: rest },
      { title: 'Page', width: 36, align: 'right' },
    ],
    input.exhibits.map((exhibit, i) => [
      String(exhibitNumbering(input).number(i)),
      formatExhibitDate(exhibit, input.info),
      exhibitKindLabel(exhibit),
      exhibit.file,
      exhibit.note?.value ?? '',
      String(startPages[i] || ''),
    ]),
  );
  return w.pages;
}

/** A capture that would shrink below this share of its readable scale to fit one page may be split. */
const SPLIT_WHEN_SHRUNK_BELOW = 0.6;

type ImagePageResult = { page: PlannedPage; placement: Omit<ImagePlacement, 'exhibit' | 'page'> };

/**
 * One page per screenshot, placed whole under its caption band. A scroll capture that would
 * have to shrink to well under its readable size to fit one page is instead shown at that
 * size across several pages, each a slice of it, with a little overlap so no line is lost
 * at a cut. The image is embedded once and drawn clipped on each page.
 */
function planImagePages(fonts: FontSet, input: PacketInput, exhibit: ImageExhibit, index: number): ImagePageResult[] {
  const { paper } = input;
  const width = paper.width - 2 * MARGIN_X;
  const visible = visibleSize(exhibit);
  const first = captionBand(fonts, input, exhibit, index, undefined);
  const boxTop = paper.height - CONTENT_TOP_GAP - first.height - 12;
  const boxHeight = boxTop - CONTENT_BOTTOM;
  const readable = Math.min(width / visible.width, NATURAL_PT_PER_PX);
  const fitted = Math.min(readable, boxHeight / visible.height);
  // Split a scroll capture (taller than three widths), or any image whose text OCR measured
  // would print under the floor on one page; a phone screenshot's large text shrinks fine.
  const textPx = exhibit.ocr ? textHeightPx(exhibit.ocr) : undefined;
  const isScroll = visible.height > 3 * visible.width;
  const isUnreadable = textPx !== undefined && textPx * fitted < MIN_TEXT_PT && textPx * readable >= MIN_TEXT_PT;
  const label = `Exhibit ${exhibitNumbering(input).number(index)}`;
  if (fitted >= readable * SPLIT_WHEN_SHRUNK_BELOW || !(isScroll || isUnreadable)) return [placeWhole(exhibit, index, label, first.ops, boxTop, fitted, width)];

  // Source pixels per page at the readable scale; later pages have a one-line caption.
  const later = captionBand(fonts, input, exhibit, index, { part: 2, parts: 2 });
  const laterBox = paper.height - CONTENT_TOP_GAP - later.height - 12 - CONTENT_BOTTOM;
  const overlap = Math.round(Math.min(48, (laterBox / readable) * 0.04));
  const slices: { top: number; height: number }[] = [];
  let top = 0;
  const firstSplit = captionBand(fonts, input, exhibit, index, { part: 1, parts: 99 });
  let available = Math.floor((paper.height - CONTENT_TOP_GAP - firstSplit.height - 12 - CONTENT_BOTTOM) / readable);
  while (top < visible.height) {
    const height = Math.min(available, visible.height - top);
    slices.push({ top, height });
    if (top + height >= visible.height) break;
    top += height - overlap;
    available = Math.floor(laterBox / readable);
  }
  return slices.map((slice, part) => {
    const band = part === 0 ? captionBand(fonts, input, exhibit, index, { part: 1, parts: slices.length }) : captionBand(fonts, input, exhibit, index, { part: part + 1, parts: slices.length });
    const sliceTop = paper.height - CONTENT_TOP_GAP - band.height - 12;
    const placedWidth = visible.width * readable;
    const sliceHeight = slice.height * readable;
    const x = MARGIN_X + (width - placedWidth) / 2;
    // The whole image is positioned so that this slice falls in the box; the clip hides the rest.
    const imageTop = sliceTop + slice.top * readable;
    const ops = [...band.ops];
    ops.push({ op: 'rect', x: x - 0.5, y: sliceTop - sliceHeight - 0.5, w: placedWidth + 1, h: sliceHeight + 1, strokeGray: 0.5, strokeWidth: 0.5 });
    ops.push(...highlightOps(exhibit, x, imageTop, readable, placedWidth, { top: slice.top, bottom: slice.top + slice.height }));
    return {
      page: { kind: 'exhibit' as const, label: `Exhibit ${exhibitNumbering(input).number(index)}`, ops, exhibit: index },
      placement: {
        x,
        y: imageTop - visible.height * readable,
        width: placedWidth,
        height: visible.height * readable,
        clip: { x, y: sliceTop - sliceHeight, width: placedWidth, height: sliceHeight },
      },
    };
  });
}

function placeWhole(exhibit: ImageExhibit, index: number, label: string, bandOps: DrawOp[], boxTop: number, scale: number, width: number): ImagePageResult {
  const visible = visibleSize(exhibit);
  const placedWidth = visible.width * scale;
  const placedHeight = visible.height * scale;
  const x = MARGIN_X + (width - placedWidth) / 2;
  const y = boxTop - placedHeight;
  const ops = [...bandOps];
  ops.push({ op: 'rect', x: x - 0.5, y: y - 0.5, w: placedWidth + 1, h: placedHeight + 1, strokeGray: 0.5, strokeWidth: 0.5 });
  ops.push(...highlightOps(exhibit, x, y + placedHeight, scale, placedWidth));
  return {
    page: { kind: 'exhibit', label, ops, exhibit: index },
    placement: { x, y, width: placedWidth, height: placedHeight },
  };
}

/** The caption band: exhibit, date with its source, client, note, marks; later parts of a split capture get one line. */
function captionBand(fonts: FontSet, input: PacketInput, exhibit: ImageExhibit, index: number, part: { part: number; parts: number } | undefined): { ops: DrawOp[]; height: number } {
  const { paper, info } = input;
  const ops: DrawOp[] = [];
  const width = paper.width - 2 * MARGIN_X;
  const textWidth = width - 2 * CAPTION_PAD;
  const size = BODY_SIZE;
  const lineHeight = size * LINE_FACTOR;
  const lines: { text: string; face: 'regular' | 'bold' }[] = [];
  const add = (text: string, face: 'regular' | 'bold' = 'regular') => {
    for (const line of wrapText(fonts, text, size, face, textWidth)) lines.push({ text: line, face });
  };
  const partText = part ? ` · part ${part.part} of ${part.parts} of a tall capture` : '';
  const { number, total } = exhibitNumbering(input);
  add(`Exhibit ${number(index)} of ${total} · ${exhibitKindLabel(exhibit)} · ${exhibit.file}${partText}`, 'bold');
  if (!part || part.part === 1) {
    add(`Date: ${formatExhibitDate(exhibit, info)} — ${describeDateSource(exhibit.date)}`);
    add(`Client: ${clientLine(info)}`);
    if (exhibit.note) add(`Note: ${exhibit.note.value}`);
    if (exhibit.marks.highlight.length > 0) {
      add(`Marked on the image: ${exhibit.marks.highlight.map((_, i) => `[${i + 1}]`).join(' ')} (outlined and numbered)`);
    }
    if (exhibit.marks.redact.length > 0) add(`Redacted: ${exhibit.marks.redact.length} area(s) blacked out before embedding`);
  } else {
    add(`Continued from page before · date ${formatExhibitDate(exhibit, info)} · client ${clientLine(info)}`);
  }
  const top = paper.height - CONTENT_TOP_GAP;
  const height = lines.length * lineHeight + 2 * CAPTION_PAD;
  ops.push({ op: 'rect', x: MARGIN_X, y: top - height, w: width, h: height, fillGray: 0.94, strokeGray: 0.2, strokeWidth: 0.8 });
  lines.forEach((line, i) => {
    ops.push({ op: 'text', x: MARGIN_X + CAPTION_PAD, y: top - CAPTION_PAD - (i + 1) * lineHeight + size * 0.25, text: line.text, size, face: line.face });
  });
  return { ops, height };
}

/** Outlines drawn over the image, each with its number: meaning never rests on colour. */
function highlightOps(exhibit: ImageExhibit, left: number, top: number, scale: number, imageWidth: number, slice?: { top: number; bottom: number }): DrawOp[] {
  const ops: DrawOp[] = [];
  const [cropX, cropY] = exhibit.marks.crop ?? [0, 0];
  exhibit.marks.highlight.forEach((rect, i) => {
    const [rx, ry0, rw, rh0] = rect;
    // On a slice of a split capture, only the part of the outline inside the slice is drawn.
    const from = slice ? Math.max(ry0 - cropY, slice.top) : ry0 - cropY;
    const to = slice ? Math.min(ry0 - cropY + rh0, slice.bottom) : ry0 - cropY + rh0;
    if (to <= from) return;
    const ry = from + cropY;
    const rh = to - from;
    const x = left + (rx - cropX) * scale;
    const h = rh * scale;
    const y = top - (ry - cropY) * scale - h;
    const w = rw * scale;
    ops.push({ op: 'rect', x, y, w, h, strokeGray: 0, strokeWidth: 2.5 });
    // The number sits outside the outline (left, else right, else above) so it hides nothing marked.
    const label = String(i + 1);
    const labelWidth = 8 + label.length * 7;
    const labelX = x - labelWidth - 3 >= left ? x - labelWidth - 3 : x + w + labelWidth + 3 <= left + imageWidth ? x + w + 3 : x;
    const labelY = labelX === x ? y + h + 2 : y + h - 14;
    ops.push({ op: 'rect', x: labelX, y: labelY, w: labelWidth, h: 14, fillGray: 1, strokeGray: 0, strokeWidth: 1.5 });
    ops.push({ op: 'text', x: labelX + 4, y: labelY + 3.5, text: label, size: 10, face: 'bold' });
  });
  return ops;
}

function planAppendix(fonts: FontSet, input: PacketInput): PlannedPage[] {
  const w = new FlowWriter(fonts, input.paper, 'appendix', 'Appendix');
  w.heading('Appendix — source files', 14);
  w.paragraph(
    'Every file in the case folder, with its SHA-256 hash and size as read, and where each exhibit’s date, client name and email came from. The files were read only; none was modified.',
  );
  // A chat cut into excerpts is several exhibits; a zip's images and a folder's files belong to one.
  const numbers = new Map<string, number[]>();
  const { number } = exhibitNumbering(input);
  input.exhibits.forEach((e, i) => numbers.set(e.file, [...(numbers.get(e.file) ?? []), number(i)]));
  const byFile = new Map(input.exhibits.map((e) => [e.file, e]));
  const sources = [...input.sources].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const exhibitsText = (list: number[]) => `Exhibit${list.length > 1 ? 's' : ''} ${list.join(', ')}`;
  for (const source of sources) {
    w.paragraph(source.file, { face: 'bold', after: 0 });
    w.paragraph(`SHA-256 ${source.sha256}`, { face: 'mono', size: 10, indent: 12, after: 0 });
    const list = numbers.get(source.file);
    const exhibit = byFile.get(source.file);
    const bytes = `${source.bytes.toLocaleString('en-US')} bytes`;
    if (source.partOf) {
      const parent = numbers.get(source.partOf);
      w.paragraph(`${bytes} · part of the export ${source.partOf}${parent ? ` (${exhibitsText(parent)})` : ''}`, { indent: 12 });
    } else if (list && exhibit?.kind === 'chat') {
      const messages = input.exhibits.filter((e) => e.file === source.file).reduce((n, e) => n + (e.kind === 'chat' ? e.messages.length : 0), 0);
      w.paragraph(`${bytes} · ${exhibit.format} export · ${exhibitsText(list)}`, { indent: 12, after: 0 });
      w.paragraph(`${messages} of its ${exhibit.totalMessages} messages shown; each message's time ${describeDateSource(exhibit.date)}`, { indent: 12, after: 0 });
      const name = input.info.client.name?.source ?? 'not given';
      const email = input.info.client.email?.source ?? 'not given';
      w.paragraph(`Client name from ${name}; email from ${email}`, { indent: 12 });
    } else if (list && exhibit) {
      const inside = source.archive ? ` · read from ${source.archive.file}` : '';
      w.paragraph(`${bytes}${inside} · ${exhibitsText(list)}`, { indent: 12, after: 0 });
      w.paragraph(`Date ${describeDateSource(exhibit.date)}: ${exhibit.date.text}`, { indent: 12, after: 0 });
      const name = input.info.client.name?.source ?? 'not given';
      const email = input.info.client.email?.source ?? 'not given';
      w.paragraph(`Client name from ${name}; email from ${email}`, { indent: 12 });
    } else {
      const reasons = input.findings.filter((f) => f.file === source.file && f.severity !== 'info').map((f) => f.code);
      w.paragraph(`${bytes} · not included${reasons.length ? ` (${[...new Set(reasons)].join(', ')})` : ''}`, { indent: 12 });
    }
  }
  return w.pages;
}

