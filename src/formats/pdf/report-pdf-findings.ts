/** What a PDF exhibit is told about: its structure, its annotations, and why pages are painted. */
import type { DocumentPage, Finding } from '../../evidence/model.js';
import { makeFinding } from '../../rules/codes.js';
import type { ParseContext } from '../types.js';
import type { PageFacts } from './pdf-pages.js';
import { xrefIsBroken, type PdfStructure } from './pdf-structure.js';

/** Pixels of one image inside a page beyond which the page is refused (as for image files). */
export const MAX_PDF_IMAGE_PIXELS = 100_000_000;

/** What the PDF's structure says: images too large to paint, scripts, a repaired cross-reference table. */
export function structureFindings(file: string, bytes: Buffer, structure: PdfStructure, findings: Finding[]): void {
  if (structure.ok) {
    for (const [page, image] of structure.largestImage) {
      if (image.width * image.height > MAX_PDF_IMAGE_PIXELS)
        findings.push(makeFinding('ITEM_PDF_IMAGE_TOO_LARGE', { file }, { page, width: image.width, height: image.height, limit: MAX_PDF_IMAGE_PIXELS / 1e6 }));
    }
    if (structure.hasActions) findings.push(makeFinding('ITEM_PDF_SCRIPT', { file }));
    if (xrefIsBroken(bytes)) findings.push(makeFinding('ITEM_PDF_REPAIRED', { file }));
  }
}

/** Annotations drawn into the pages (or dropped), and manifest keys that do not apply to a PDF. */
export function annotationFindings(ctx: ParseContext, facts: readonly PageFacts[], findings: Finding[]): void {
  const file = ctx.source.file;
  const item = ctx.item;
  const annotated = facts.filter((f) => f.annotations.some((a) => a.subtype !== 'Link'));
  if (annotated.length > 0) {
    const all = annotated.flatMap((f) => f.annotations.filter((a) => a.subtype !== 'Link'));
    findings.push(
      makeFinding(
        'ITEM_PDF_ANNOTATIONS',
        { file },
        {
          pages: annotated.map((f) => f.number).join(', '),
          kinds: [...new Set(all.map((a) => a.subtype))].join(', '),
          drawn: all.filter((a) => a.drawable).length,
          dropped: all.filter((a) => !a.drawable).length,
        },
      ),
    );
  }

  for (const key of ['crop', 'trim', 'landscape', 'focus', 'select', 'dateOrder', 'columns'] as const) {
    if (item?.[key] !== undefined)
      findings.push(makeFinding('MANIFEST_FIELD_IGNORED', { file, path: key }, { key, kind: 'PDF (its pages are shown whole, as they are)' }));
  }
}

/** Why pages are painted rather than copied, said once per reason. */
export function rasterFindings(file: string, pages: readonly DocumentPage[], structure: PdfStructure, findings: Finding[]): void {
  const because = {
    encrypted: 'the PDF is encrypted (an owner password restricts it), so its pages are painted from what a viewer shows rather than copied',
    damaged: `the PDF's structure is damaged (${structure.ok ? '' : structure.detail}); its pages are painted from what pdf.js rebuilt`,
  } as const;
  for (const reason of ['encrypted', 'damaged'] as const) {
    const list = pages.filter((p) => p.rasterReason === reason).map((p) => p.number);
    if (list.length > 0) findings.push(makeFinding('ITEM_PDF_RASTERISED', { file }, { pages: list.join(', '), reason: because[reason] }));
  }
  const redacted = pages.filter((p) => p.rasterReason === 'redact').map((p) => p.number);
  if (redacted.length > 0) findings.push(makeFinding('ITEM_PDF_REDACTED', { file }, { pages: redacted.join(', ') }));
}
