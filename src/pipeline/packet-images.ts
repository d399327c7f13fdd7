import type { ImagePlacement, PacketInput, PacketPlan, DocumentSource } from '../document/index.js';
import type { DocumentExhibit, DocumentPage, ImageExhibit } from '../evidence/model.js';
import type { PreparedImage } from '../imaging/encode.js';
import { paintedSize } from '../imaging/pdf-raster.js';
import { visibleSize } from '../imaging/visible.js';
import type { ImageReader } from './image-reader.js';

/** PDF pages shown as pictures are painted at this resolution, then encoded down the screenshot or photo ladder. */
export const PAGE_PAINT_DPI = 300;

/**
 * The images a planned packet embeds, each fitted to the budget like any image: image
 * exhibits, PDF pages shown as pictures, and the JPEGs inside PDF pages copied as they are
 * whose images the budget had recompressed.
 */
export interface PacketImages {
  /** Each as an image exhibit; a painted PDF page or a PDF's JPEG is one of its own ("contract.pdf page 2"). */
  readonly exhibits: ImageExhibit[];
  /** The packet exhibit each belongs to. */
  readonly indexes: number[];
  /** What each is in the packet: `exhibit:`, `exhibit:page` (a painted page) or `exhibit:page:12 0 R` (a JPEG in a page). */
  readonly keys: string[];
  readonly placedWidths: number[];
  /** Whether a slot is the whole view of a photo whose text is shown apart, as a region of its own (ladderFor). */
  readonly textApart: boolean[];
  load(slot: number): Promise<Buffer>;
}

export function imagesOf(input: PacketInput, plan: PacketPlan, reader: ImageReader): PacketImages {
  const images: PacketImages = { exhibits: [], indexes: [], keys: [], placedWidths: [], textApart: [], load: (slot) => loads[slot]!() };
  const loads: (() => Promise<Buffer>)[] = [];
  const add = (exhibit: ImageExhibit, index: number, key: string, width: number, load: () => Promise<Buffer>, textApart = false) => {
    images.exhibits.push(exhibit);
    images.indexes.push(index);
    images.keys.push(key);
    images.placedWidths.push(width);
    images.textApart.push(textApart);
    loads.push(load);
  };
  input.exhibits.forEach((e, i) => {
    // Encoded for the largest place it is drawn (a focus page also draws it reduced), detail
    // insets aside; a view of a region is an image of its own, cut from the visible image.
    if (e.kind === 'image') {
      const regions = plan.placements.filter((q) => q.exhibit === i && q.region);
      add(
        e,
        i,
        `${i}:`,
        Math.max(...plan.placements.filter((p) => p.exhibit === i && !p.detail && !p.region).map((p) => p.width)),
        () => reader.image(e),
        regions.length > 0,
      );
      // A band shown as rows is one region drawn once a row: embedded once.
      for (const p of regions.slice(0, 1))
        add(regionOf(e, p.region!), i, regionKey(i), p.width * (p.region!.width / visibleSize(e).width), () => reader.image(e));
    }
    if (e.kind !== 'document') return;
    for (const page of e.pages) {
      const width = plan.placements.find((p) => p.exhibit === i && p.sourcePage === page.number)!.width;
      if (page.treatment === 'raster') add(paintedPage(e, page), i, `${i}:${page.number}`, width, () => reader.paint(e, page.number, PAGE_PAINT_DPI));
      // Placed as if it filled the page (a scan): a smaller image is then never made coarser
      // than the page's own resolution, only recompressed.
      else if (page.resampled)
        for (const jpeg of page.jpegs) add(pageJpeg(e, page, jpeg), i, `${i}:${page.number}:${jpeg.ref}`, width, () => reader.pdfImage(e, jpeg.ref));
    }
  });
  return images;
}

/** The key of an exhibit's region view among a packet's images. */
export const regionKey = (exhibit: number): string => `${exhibit}::region`;

/**
 * A region of an image exhibit, as an image exhibit cut from it: its redactions apply first
 * (visible.ts), its highlights are drawn by the page. A region is a photo's text shown again,
 * enlarged, to be read: its text is darkened (the whole view above shows the photo as it is).
 */
function regionOf(exhibit: ImageExhibit, region: NonNullable<ImagePlacement['region']>): ImageExhibit {
  const [ox, oy] = exhibit.marks.crop ?? [0, 0];
  return {
    ...exhibit,
    file: `${exhibit.file} (enlarged part)`,
    marks: { highlight: [], redact: exhibit.marks.redact, crop: [ox + region.x, oy + region.y, region.width, region.height], darken: true },
  };
}

function virtualImage(exhibit: DocumentExhibit, file: string, image: ImageExhibit['image']): ImageExhibit {
  return { kind: 'image', file, source: exhibit.source, image, date: exhibit.date, dateCandidates: [], marks: { highlight: [], redact: [] } };
}

/** A PDF page shown as a picture, as the image it is painted into: a scan goes down the photo ladder. */
function paintedPage(exhibit: DocumentExhibit, page: DocumentPage): ImageExhibit {
  const size = paintedSize(page.width, page.height, PAGE_PAINT_DPI);
  return virtualImage(exhibit, `${exhibit.file} page ${page.number}`, {
    format: page.images ? 'jpeg' : 'png',
    ...size,
    frames: 1,
    orientation: 1,
    hasAlpha: false,
    opaque: true,
  });
}

/** A JPEG inside a copied page: a photo, re-encoded as JPEG down the photo ladder. */
function pageJpeg(exhibit: DocumentExhibit, page: DocumentPage, jpeg: DocumentPage['jpegs'][number]): ImageExhibit {
  return virtualImage(exhibit, `${exhibit.file} page ${page.number} image ${jpeg.ref}`, {
    format: 'jpeg',
    width: jpeg.width,
    height: jpeg.height,
    frames: 1,
    orientation: 1,
    hasAlpha: false,
    opaque: true,
  });
}

/**
 * The pdf-lib document of each PDF exhibit with pages copied as they are, for the renderer,
 * and the JPEGs to put in place of those the budget recompressed: `prepared` gives each
 * re-encoded one by its key; without it (measuring the packet without its images) they are
 * left out of the measure.
 */
export function documentsOf(input: PacketInput, reader: ImageReader, prepared?: (key: string) => PreparedImage | undefined): DocumentSource {
  return async (i) => {
    const e = input.exhibits[i];
    if (e?.kind !== 'document') return undefined;
    const copied = e.pages.filter((p) => p.treatment === 'vector');
    if (copied.length === 0) return undefined;
    const replace = new Map<string, Buffer | undefined>();
    for (const page of copied) if (page.resampled) for (const jpeg of page.jpegs) replace.set(jpeg.ref, prepared?.(`${i}:${page.number}:${jpeg.ref}`)?.data);
    return { pdf: await reader.vector(e), vector: copied.map((p) => p.number), replace };
  };
}

/**
 * The next measure for a packet over its size limit, on every PDF page copied as it is that
 * paints images: first its JPEGs recompressed down the photo ladder (the page stays text);
 * then, for pages that could not be helped so, the page painted whole. Undefined when
 * there is nothing left to try.
 */
export function shrinkDocumentPages(input: PacketInput): PacketInput | undefined {
  let changed = false;
  const exhibits = input.exhibits.map((e) => {
    if (e.kind !== 'document') return e;
    const pages = e.pages.map((p): DocumentPage => {
      // A page with only small images (a logo) has nothing to gain.
      if (p.treatment !== 'vector' || p.largeImages === 0) return p;
      changed = true;
      // A page whose large images are all plain JPEGs keeps its text; any other is painted.
      const allJpeg = p.jpegs.length > 0 && !p.resampled && p.jpegs.length === p.largeImages;
      return allJpeg ? { ...p, resampled: true } : { ...p, treatment: 'raster', rasterReason: 'budget' };
    });
    return { ...e, pages };
  });
  return changed ? { ...input, exhibits } : undefined;
}
