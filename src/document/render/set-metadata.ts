import type { PDFDocument } from 'pdf-lib';
import { maskText } from '../../chat/sensitive.js';
import type { RenderOptions } from '../types.js';
import { identifyPacket, packetId, type PacketMetadata } from './pdf-identity.js';

/**
 * The packet's Info dictionary, XMP and /ID: what the pages say, card numbers masked, dated
 * as the packet is (`generatedAtMs`), and named from what it holds (`seed`).
 */
export function setMetadata(doc: PDFDocument, options: RenderOptions, seed: string, partText: string): void {
  const { info } = options;
  const meta: PacketMetadata = {
    title: maskText(`Chargeback evidence — case ${info.id}${partText}`),
    subject: maskText(`Dispute ${info.id}${info.reason ? ` (${info.reason})` : ''}: evidence in time order`),
    keywords: ['chargeback', 'dispute', 'evidence', info.id, ...(info.reason ? [info.reason] : [])].map(maskText),
    ...(info.merchant.name ? { author: maskText(info.merchant.name) } : {}),
    creator: `evidence-packet ${options.toolVersion}`,
    producer: `evidence-packet ${options.toolVersion} (pdf-lib)`,
    language: 'en',
    dateMs: options.generatedAtMs,
  };
  setInfo(doc, meta);
  identifyPacket(doc, packetId(seed), meta);
}

function setInfo(doc: PDFDocument, meta: PacketMetadata): void {
  const date = new Date(meta.dateMs);
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setSubject(meta.subject);
  doc.setKeywords([...meta.keywords]);
  if (meta.author) doc.setAuthor(meta.author);
  doc.setCreator(meta.creator);
  doc.setProducer(meta.producer);
  doc.setLanguage(meta.language);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
}
