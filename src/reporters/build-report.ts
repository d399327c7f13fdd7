import { maskStrings } from '../chat/sensitive.js';
import { createHash } from 'node:crypto';
import { formatDateFact, isoUtc } from '../evidence/dates.js';
import type { ChatExhibit, Exhibit, Finding } from '../evidence/model.js';
import type { Limits } from '../budget/profiles.js';
import type { CaseAnalysis } from '../case/analyze-case.js';
import { VERSION } from '../version.js';
import { exhibitNumbering, type PacketInput, type PacketPlan } from '../document/index.js';
import type { PreparedImage } from '../imaging/encode.js';

export interface ExhibitReport {
  readonly number: number;
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly date: { utc: string; shown: string; source: string; text: string; zone: string };
  readonly note?: string;
  readonly pages: { start: number; end: number };
  /**
   * Images shown as a focus page: the region enlarged, in pixels of the visible image, the
   * points per pixel of it and of the whole view, whether the whole view is beside the
   * caption or above the region (a photo), and the bytes of the region's own image (below).
   */
  readonly focus?: { x: number; y: number; width: number; height: number; scale: number; contextScale: number; layout: 'beside' | 'below'; bytes?: number };
  /** Images: how the image was embedded, and the part shown when uniform borders were trimmed. */
  readonly embedded?: { encoding: string; rung: string; width: number; height: number; dpi: number; bytes: number; trimmed?: [number, number, number, number] };
  /** PDFs: each page shown, copied as it is (vector) or painted (raster, and why), and where its text came from. */
  readonly document?: { totalPages: number; pages: { number: number; treatment: string; reason?: string; resampled?: true; text: string }[] };
  /** Chats: which messages this exhibit shows. */
  readonly messages?: { format: string; shown: number; total: number; first: string; last: string; excerpt?: { part: number; parts: number } };
}

export interface PacketReport {
  readonly tool: { name: 'evidence-packet'; version: string };
  readonly case: string;
  readonly profile: string;
  readonly limits: { maxBytes?: number; maxPages?: number };
  readonly generatedAt: string;
  /** For one file of a split packet: which file, and its exhibits. */
  readonly part?: { number: number; parts: number; file: string; firstExhibit: number; lastExhibit: number };
  readonly output: { pages: number; bytes: number; sha256: string };
  readonly exhibits: ExhibitReport[];
  readonly sources: { file: string; sha256: string; bytes: number; format?: string; included: boolean }[];
  readonly findings: Finding[];
}

/** What was written, per exhibit: its file and hash, its date and where it came from, its pages, and how images were embedded. */
export function makeReport(
  analysis: CaseAnalysis,
  input: PacketInput,
  plan: PacketPlan,
  images: readonly EmbeddedImage[],
  pdf: Uint8Array,
  findings: readonly Finding[],
): PacketReport {
  const { exhibits, part } = input;
  const { number } = exhibitNumbering(input);
  const included = new Set(exhibits.map((e) => e.file));
  const limits: Limits = analysis.limits;
  // Card numbers are masked in every string (file names, notes, messages quoted in findings).
  return maskStrings<PacketReport>({
    tool: { name: 'evidence-packet', version: VERSION },
    case: analysis.info.id,
    profile: limits.profile,
    limits: {
      ...(limits.maxBytes !== undefined ? { maxBytes: limits.maxBytes } : {}),
      ...(limits.maxPages !== undefined ? { maxPages: limits.maxPages } : {}),
    },
    generatedAt: isoUtc(input.generatedAtMs),
    ...(part
      ? {
          part: {
            number: part.number,
            parts: part.parts,
            file: part.files[part.number - 1]!.name,
            firstExhibit: number(0),
            lastExhibit: number(exhibits.length - 1),
          },
        }
      : {}),
    output: { pages: plan.pages.length, bytes: pdf.length, sha256: createHash('sha256').update(pdf).digest('hex') },
    exhibits: exhibits.map((exhibit, i) => exhibitReport(exhibit, i, number(i), plan, images[i], analysis.info.timezone?.value)),
    sources: input.sources.map((s) => ({
      file: s.file,
      sha256: s.sha256,
      bytes: s.bytes,
      ...(s.format ? { format: s.format } : {}),
      included: included.has(s.file),
    })),
    findings: [...findings],
  });
}

type EmbeddedImage = (PreparedImage & { readonly regionBytes?: number }) | undefined;

/** One exhibit in the report: its file, date and pages, and how it went in. */
function exhibitReport(exhibit: Exhibit, i: number, number: number, plan: PacketPlan, image: EmbeddedImage, zone: string | undefined): ExhibitReport {
  return {
    number,
    file: exhibit.file,
    sha256: exhibit.source.sha256,
    bytes: exhibit.source.bytes,
    date: {
      utc: isoUtc(exhibit.date.epochMs),
      shown: formatDateFact(exhibit.date, zone),
      source: exhibit.date.source,
      text: exhibit.date.text,
      zone: exhibit.date.zone,
    },
    ...(exhibit.note ? { note: exhibit.note.value } : {}),
    pages: { start: plan.exhibitStartPages[i]!, end: plan.exhibitEndPages[i]! },
    ...focusReport(plan, i, image?.regionBytes),
    ...embeddedReport(exhibit, image),
    // How each PDF page went in: copied as it is, or painted (and why), and where its text came from.
    ...(exhibit.kind === 'document'
      ? {
          document: {
            totalPages: exhibit.totalPages,
            pages: exhibit.pages.map((p) => ({
              number: p.number,
              treatment: p.treatment,
              ...(p.rasterReason ? { reason: p.rasterReason } : {}),
              ...(p.resampled ? { resampled: true } : {}),
              text: p.textFrom,
            })),
          },
        }
      : {}),
    ...(exhibit.kind === 'chat' ? { messages: messagesReport(exhibit) } : {}),
  };
}

/** How an image was embedded: encoding, ladder rung, pixels, resolution and bytes. */
function embeddedReport(exhibit: Exhibit, image: EmbeddedImage): Pick<ExhibitReport, 'embedded'> {
  if (!image) return {};
  return {
    embedded: {
      encoding: image.encoding,
      rung: image.rung.label,
      width: image.width,
      height: image.height,
      dpi: image.dpi,
      bytes: image.data.length,
      ...(exhibit.kind === 'image' && exhibit.image.trim ? { trimmed: [...exhibit.image.trim] as [number, number, number, number] } : {}),
    },
  };
}

/** A transcript excerpt's messages: how many are shown of how many, and the span they cover. */
function messagesReport(exhibit: ChatExhibit): NonNullable<ExhibitReport['messages']> {
  return {
    format: exhibit.format,
    shown: exhibit.messages.length,
    total: exhibit.totalMessages,
    first: isoUtc(exhibit.messages[0]!.date.epochMs),
    last: isoUtc(exhibit.messages[exhibit.messages.length - 1]!.date.epochMs),
    ...(exhibit.excerpt ? { excerpt: exhibit.excerpt } : {}),
  };
}

/** Where a focus page enlarged an image: the region, and the scales of the focus and context views. */
function focusReport(plan: PacketPlan, exhibit: number, regionBytes: number | undefined): Pick<ExhibitReport, 'focus'> {
  const focus = plan.focus.find((f) => f.exhibit === exhibit);
  if (!focus) return {};
  // Both views draw the whole image; the context view is the narrower.
  const widths = plan.placements.filter((p) => p.exhibit === exhibit && !p.detail).map((p) => p.width);
  const round = (v: number) => Math.round(v * 1000) / 1000;
  const contextScale = (focus.scale * Math.min(...widths)) / Math.max(...widths);
  return {
    focus: {
      x: focus.x,
      y: focus.y,
      width: focus.width,
      height: focus.height,
      scale: round(focus.scale),
      contextScale: round(contextScale),
      layout: focus.layout,
      ...(regionBytes !== undefined ? { bytes: regionBytes } : {}),
    },
  };
}
