/**
 * The packet's pages: the only file other folders import from document/.
 *
 * A build lays the packet out, then draws it:
 * - planPacket(fonts, input): front matter (front/), the exhibits in packet order, each by the
 *   planner for its kind (exhibits/), the appendix, then bookmarks and the text layer;
 * - renderPacket(fonts, plan, …): a page loop over operations (render/): images, copied PDF
 *   pages, text with its fallback fonts, tags, then the outline and the metadata.
 * Text is wrapped and measured in text/ with the fonts of fonts/; page geometry is page/.
 */
export { loadFonts, type FontSet } from './fonts/load-fonts.js';
export { textFieldPages } from './front/text-field-pages.js';
export { exhibitNumbering, type Numbering } from './numbering.js';
export { PAPER_SIZES } from './page/geometry.js';
export { planPacket } from './plan-packet.js';
export { renderPacket } from './render/render-packet.js';
export { textsIn } from './texts-in.js';
export type { DocumentSource, ImagePlacement, PacketInput, PacketPlan, Paper, PartInfo, RenderOptions } from './types.js';
