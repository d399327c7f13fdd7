import { createHash } from 'node:crypto';
import type * as PdfLib from 'pdf-lib';
import { nodeCaseFs, type CaseFs } from '../io/case-fs.js';
import { openZip, type ZipArchive } from '../io/zip.js';
import { openPdf, type PDFDocumentProxy } from '../io/pdfjs.js';
import { pdfLib } from '../io/cjs.js';
import { paintPdfPage } from '../imaging/pdf-raster.js';
import { flattenAnnotations } from '../imaging/flatten-annotations.js';
import { sanitizePages } from '../formats/pdf/sanitize-pdf.js';
import { errnoCode, FileSystemError, UsageError } from '../errors.js';
import type { DocumentExhibit, ImageExhibit, SourceFile } from '../evidence/model.js';
import { decodeHeif } from '../imaging/heif.js';
import { MAX_IMAGE_PIXELS } from '../imaging/read-image.js';

/**
 * Reads evidence back for the packet, checking each file is the one that was analysed:
 * images (a zip's out of one opened archive, not one opening per image), and PDFs, whose
 * pages are copied as they are (pdf-lib) or painted (pdf.js), each file opened once.
 */
export class ImageReader {
  private readonly archives = new Map<string, Promise<ZipArchive>>();
  private readonly vectors = new Map<string, Promise<PdfLib.PDFDocument>>();
  private readonly painters = new Map<string, Promise<PDFDocumentProxy>>();
  /** Each PDF's recompressible JPEGs as the file holds them, by object ("12 0 R"). */
  private readonly jpegs = new Map<string, ReadonlyMap<string, Uint8Array>>();
  constructor(private readonly fs: CaseFs = nodeCaseFs) {}

  async read(exhibit: { readonly file: string; readonly source: SourceFile }): Promise<Buffer> {
    let bytes: Buffer;
    try {
      const archive = exhibit.source.archive;
      if (exhibit.source.attachment) bytes = exhibit.source.attachment.bytes;
      else if (archive) {
        // Opened by path: entries are read from the file as needed, not the whole zip into memory.
        let zip = this.archives.get(archive.absolutePath);
        if (!zip) this.archives.set(archive.absolutePath, (zip = openZip(archive.absolutePath)));
        bytes = await (await zip).read(archive.entry);
      } else bytes = await this.fs.readFile(exhibit.source.absolutePath);
    } catch (error) {
      throw new FileSystemError('INPUT_VANISHED', `${exhibit.file} could not be read again (${errnoCode(error) ?? String(error)})`, {
        hint: 'Leave the case folder unchanged while a build runs, then build again.',
      });
    }
    if (createHash('sha256').update(bytes).digest('hex') !== exhibit.source.sha256) {
      throw new UsageError('INPUT_CHANGED', `${exhibit.file} changed while the packet was being built`, {
        hint: 'Leave the case folder unchanged while a build runs, then build again.',
      });
    }
    return bytes;
  }

  /** An image exhibit's pixels as sharp reads them: the file, or a HEIC photo decoded (sharp's libvips has no HEVC). */
  async image(exhibit: ImageExhibit): Promise<Buffer> {
    const bytes = await this.read(exhibit);
    return exhibit.image.format === 'heif' ? decodeHeif(bytes, MAX_IMAGE_PIXELS) : bytes;
  }

  /**
   * The PDF as pdf-lib reads it, to copy its pages from, with its annotations (form fields,
   * stamps, comments) drawn into the pages they sit on, as a viewer shows them, and each page
   * cut to what its drawing needs.
   */
  vector(exhibit: DocumentExhibit): Promise<PdfLib.PDFDocument> {
    let doc = this.vectors.get(exhibit.source.sha256);
    if (!doc) {
      doc = this.read(exhibit).then(async (bytes) => {
        const { PDFDocument, PDFRawStream, PDFRef } = pdfLib();
        const loaded = await PDFDocument.load(bytes, { updateMetadata: false });
        const vector = exhibit.pages.filter((p) => p.treatment === 'vector').map((p) => p.number);
        flattenAnnotations(loaded, vector);
        // Before any page is copied: each keeps only what its drawing needs (no metadata, scripts, other pages).
        sanitizePages(loaded, vector);
        const jpegs = new Map<string, Uint8Array>();
        for (const { ref: tag } of exhibit.pages.flatMap((p) => p.jpegs)) {
          const [number, generation] = tag.split(' ').map(Number) as [number, number];
          const stream = loaded.context.lookup(PDFRef.of(number, generation));
          if (stream instanceof PDFRawStream) jpegs.set(tag, stream.contents);
        }
        this.jpegs.set(exhibit.source.sha256, jpegs);
        return loaded;
      });
      this.vectors.set(exhibit.source.sha256, doc);
    }
    return doc;
  }

  /**
   * The JPEG bytes of an image object ("12 0 R") of a PDF, as the file holds them (DCTDecode
   * alone). Taken when the document is loaded: while its pages are copied, the document's
   * own objects may be swapped for re-encoded ones.
   */
  async pdfImage(exhibit: DocumentExhibit, tag: string): Promise<Buffer> {
    await this.vector(exhibit);
    const bytes = this.jpegs.get(exhibit.source.sha256)?.get(tag);
    if (!bytes)
      throw new UsageError('INPUT_CHANGED', `${exhibit.file} has no image ${tag} any more`, {
        hint: 'Leave the case folder unchanged while a build runs, then build again.',
      });
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** A page of a PDF painted at `dpi`, its redactions blacked out in the pixels, as PNG. */
  async paint(exhibit: DocumentExhibit, pageNumber: number, dpi: number): Promise<Buffer> {
    let doc = this.painters.get(exhibit.source.sha256);
    if (!doc) this.painters.set(exhibit.source.sha256, (doc = this.read(exhibit).then((bytes) => openPdf(bytes))));
    const page = exhibit.pages.find((p) => p.number === pageNumber);
    return (await paintPdfPage(await doc, pageNumber, dpi, page?.redact ?? [])).png;
  }

  close(): void {
    for (const archive of this.archives.values())
      void archive.then(
        (zip) => zip.close(),
        () => undefined,
      );
    for (const doc of this.painters.values())
      void doc.then(
        (d) => d.destroy(),
        () => undefined,
      );
    this.archives.clear();
    this.painters.clear();
    this.vectors.clear();
    this.jpegs.clear();
  }
}
