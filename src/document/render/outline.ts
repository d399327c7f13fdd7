import type { PDFDocument, PDFPage } from 'pdf-lib';
import { maskText } from '../../chat/sensitive.js';
import { pdfLib } from '../../io/cjs.js';
import type { PacketPlan } from '../types.js';

/** One bookmark per section and per exhibit, so a reviewer can jump straight to one. */
export function addOutline(doc: PDFDocument, plan: PacketPlan, pages: PDFPage[]): void {
  const { PDFHexString, PDFName } = pdfLib();
  const entries: { title: string; page: PDFPage }[] = [];
  let lastLabel = '';
  plan.pages.forEach((planned, i) => {
    if (planned.label === lastLabel) return;
    lastLabel = planned.label;
    const page = pages[i];
    if (page) entries.push({ title: planned.bookmark ?? planned.label, page });
  });
  if (entries.length === 0) return;
  const context = doc.context;
  const outlineRef = context.nextRef();
  const refs = entries.map(() => context.nextRef());
  entries.forEach((entry, i) => {
    const item = context.obj({
      Title: PDFHexString.fromText(maskText(entry.title)),
      Parent: outlineRef,
      Dest: [entry.page.ref, PDFName.of('XYZ'), null, null, null],
    });
    if (i > 0) item.set(PDFName.of('Prev'), refs[i - 1]!);
    if (i < refs.length - 1) item.set(PDFName.of('Next'), refs[i + 1]!);
    context.assign(refs[i]!, item);
  });
  context.assign(outlineRef, context.obj({ Type: 'Outlines', First: refs[0]!, Last: refs[refs.length - 1]!, Count: refs.length }));
  doc.catalog.set(PDFName.of('Outlines'), outlineRef);
}
