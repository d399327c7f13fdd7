import { orientationFor } from '../../src/document/exhibits/plan-image.js';
import { planFocusPage } from '../../src/document/exhibits/plan-focus.js';
import type { FontSet } from '../../src/document/fonts/load-fonts.js';
import { planContext } from '../../src/document/plan-context.js';
import type { PacketInput } from '../../src/document/types.js';
import type { CaseInfo, ImageExhibit, OcrLine } from '../../src/evidence/model.js';

/** A JPEG photo exhibit whose OCR read `words`, as the photo-band tests lay it out. */
export function photoExhibit(width: number, height: number, words: OcrLine[]): ImageExhibit {
  return {
    kind: 'image',
    file: 'photo.jpg',
    source: { file: 'photo.jpg', sha256: '0'.repeat(64), bytes: 1 },
    image: { format: 'jpeg', width, height, frames: 1, orientation: 1, hasAlpha: false },
    date: { epochMs: 0, source: 'manifest', text: '', zone: 'UTC' },
    dateCandidates: [],
    marks: { highlight: [], redact: [] },
    ocr: { text: words.map((w) => w.text).join(' '), lines: words, words, cached: false },
  } as unknown as ImageExhibit;
}

/** The case a lone photo is planned in: Jane Doe as the client, UTC. */
export const PHOTO_CASE_INFO = {
  id: 'x',
  folder: '/x',
  profile: 'generic',
  client: { name: { value: 'Jane Doe', source: 'case.yaml' }, email: { value: 'jane.doe@example.com', source: 'case.yaml' }, aliases: [] },
  merchant: {},
  timezone: { value: 'UTC', source: 'case.yaml' },
} as unknown as CaseInfo;

/** The photo laid out alone on a letter page: how it fits its page whole, and its focus page when it has one. */
export function planPhotoAlone(fonts: FontSet, exhibit: ImageExhibit) {
  const input = {
    info: PHOTO_CASE_INFO,
    exhibits: [exhibit],
    sources: [],
    findings: [],
    paper: { width: 612, height: 792 },
    generatedAtMs: 0,
  } as unknown as PacketInput;
  const ctx = planContext(fonts, input);
  const fit = orientationFor(ctx, exhibit, 0);
  return { fit, planned: planFocusPage(ctx, exhibit, 0, fit) };
}

/** Whether the box `r` holds the whole of word `w`. */
export const holds = (r: { x: number; y: number; width: number; height: number }, w: OcrLine) =>
  w.bbox[0] >= r.x && w.bbox[1] >= r.y && w.bbox[0] + w.bbox[2] <= r.x + r.width && w.bbox[1] + w.bbox[3] <= r.y + r.height;
