import { createHash } from 'node:crypto';
import type { PDFDocument } from 'pdf-lib';
import { pdfLib } from '../../io/cjs.js';

/** What the packet says about itself: the Info dictionary's fields, repeated in XMP. */
export interface PacketMetadata {
  readonly title: string;
  readonly subject: string;
  readonly keywords: readonly string[];
  readonly author?: string;
  readonly creator: string;
  readonly producer: string;
  readonly language: string;
  readonly dateMs: number;
}

/**
 * A font subset's name as the PDF spec has it: six capital letters, "+", the font's name
 * (ISO 32000-1, 9.6.4). The tag comes from what the packet draws, so the same packet gets the
 * same name (same bytes) and two different subsets different ones.
 */
export function subsetFontName(name: string, seed: string): string {
  const digest = createHash('sha256').update(name).update('\0').update(seed).digest();
  const tag = Array.from(digest.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
  return `${tag}+${name}`;
}

/** 16 bytes that name this packet: the trailer's /ID and XMP's document id, from what the packet holds. */
export function packetId(seed: string): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, 32);
}

/**
 * The trailer /ID (both halves the same: the file is new, not a revision) and an XMP
 * metadata stream saying what the Info dictionary says, with the same dates, so PDF/A and
 * PDF/UA checkers find the two in agreement.
 */
export function identifyPacket(doc: PDFDocument, id: string, meta: PacketMetadata): void {
  const { PDFHexString, PDFName } = pdfLib();
  const context = doc.context;
  context.trailerInfo.ID = context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
  // XMP is UTF-8 (pdf-lib would write a string's characters as single bytes).
  const stream = context.stream(new Uint8Array(Buffer.from(xmpPacket(id, meta), 'utf8')), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), context.register(stream));
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function xmpPacket(id: string, meta: PacketMetadata): string {
  // As pdf-lib writes the Info dates (UTC, whole seconds).
  const date = new Date(Math.floor(meta.dateMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const uuid = `uuid:${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`;
  const alt = (text: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(text)}</rdf:li></rdf:Alt>`;
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">',
    '   <dc:format>application/pdf</dc:format>',
    `   <dc:title>${alt(meta.title)}</dc:title>`,
    `   <dc:description>${alt(meta.subject)}</dc:description>`,
    ...(meta.author ? [`   <dc:creator><rdf:Seq><rdf:li>${escapeXml(meta.author)}</rdf:li></rdf:Seq></dc:creator>`] : []),
    `   <dc:language><rdf:Bag><rdf:li>${escapeXml(meta.language)}</rdf:li></rdf:Bag></dc:language>`,
    `   <dc:subject><rdf:Bag>${meta.keywords.map((k) => `<rdf:li>${escapeXml(k)}</rdf:li>`).join('')}</rdf:Bag></dc:subject>`,
    `   <pdf:Keywords>${escapeXml(meta.keywords.join(' '))}</pdf:Keywords>`,
    `   <pdf:Producer>${escapeXml(meta.producer)}</pdf:Producer>`,
    `   <xmp:CreatorTool>${escapeXml(meta.creator)}</xmp:CreatorTool>`,
    `   <xmp:CreateDate>${date}</xmp:CreateDate>`,
    `   <xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `   <xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    `   <xmpMM:DocumentID>${uuid}</xmpMM:DocumentID>`,
    `   <xmpMM:InstanceID>${uuid}</xmpMM:InstanceID>`,
    '  </rdf:Description>',
    ' </rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}
