import type { PDFDocument, PDFFont } from 'pdf-lib';
import { FALLBACK_SCRIPTS } from '../fonts/fallback-fonts.js';
import type { FallbackFace } from '../fonts/fallback-face.js';
import type { FontFace, PacketPlan } from '../types.js';
import type { FontSet } from '../fonts/load-fonts.js';
import { subsetFontName } from './pdf-identity.js';

/**
 * Embeds the fallback fonts (fallback-fonts.ts) the packet's text needs, subset, before any
 * page is drawn: found from the planned text, the running heads and the page labels. A
 * packet whose text DejaVu sets embeds none.
 */
export async function embedFallbacks(
  doc: PDFDocument,
  fonts: FontSet,
  plan: PacketPlan,
  head: { readonly info: { readonly id: string } },
  seed: string,
): Promise<Map<FallbackFace, PDFFont>> {
  const needed = new Set<FallbackFace>();
  const scan = (text: string, face: FontFace) => {
    if (!FALLBACK_SCRIPTS.test(text)) return;
    for (const run of fonts.runs(fonts.visible(text), face)) if (run.fallback) needed.add(run.fallback);
  };
  scan(`Case ${head.info.id}`, 'bold');
  for (const page of plan.pages) {
    scan(page.label, 'regular');
    for (const op of page.ops) if (op.op === 'text') scan(op.text, op.face);
  }
  const embedded = new Map<FallbackFace, PDFFont>();
  for (const face of [...needed].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    embedded.set(face, await doc.embedFont(face.bytes, { subset: true, customName: subsetFontName(face.name, seed) }));
  }
  return embedded;
}
