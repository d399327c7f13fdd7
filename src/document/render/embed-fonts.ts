import type { PDFDocument, PDFFont } from 'pdf-lib';
import type { FontSet } from '../fonts/load-fonts.js';
import type { FontFace, PacketPlan, RenderOptions } from '../types.js';
import type { TextFonts } from './draw-text.js';
import { embedFallbacks } from './embed-fallbacks.js';
import { subsetFontName } from './pdf-identity.js';

/** The faces the packet's text is set in, embedded as subsets named from `seed`, and the fallback fonts its scripts need. */
export async function embedFonts(doc: PDFDocument, fonts: FontSet, plan: PacketPlan, options: RenderOptions, seed: string): Promise<TextFonts> {
  const embed = (face: FontFace, name: string) => doc.embedFont(fonts.bytes[face], { subset: true, customName: subsetFontName(name, seed) });
  const regular = await embed('regular', 'EvidencePacketSans');
  const bold = await embed('bold', 'EvidencePacketSans-Bold');
  const mono = await embed('mono', 'EvidencePacketMono');
  // The italic face only where a letter emphasises something.
  const italic = plan.pages.some((p) => p.ops.some((op) => op.op === 'text' && op.face === 'italic'))
    ? await embed('italic', 'EvidencePacketSans-Oblique')
    : regular;
  const embedded: Record<FontFace, PDFFont> = { regular, bold, italic, mono };
  return { set: fonts, faces: embedded, fallbacks: await embedFallbacks(doc, fonts, plan, options, seed) };
}
