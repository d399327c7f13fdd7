import type { FontSet } from '../../src/document/fonts/load-fonts.js';
import { orientationFor } from '../../src/document/exhibits/plan-image.js';
import { planFocusPage } from '../../src/document/exhibits/plan-focus.js';
import { planContext } from '../../src/document/plan-context.js';
import type { PacketInput } from '../../src/document/types.js';
import type { CaseInfo, ImageExhibit, OcrLine } from '../../src/evidence/model.js';

const info = {
  id: 'x',
  folder: '/x',
  profile: 'generic',
  client: { name: { value: 'Jane Doe', source: 'case.yaml' }, email: { value: 'jane.doe@example.com', source: 'case.yaml' }, aliases: [] },
  merchant: {},
  timezone: { value: 'UTC', source: 'case.yaml' },
} as unknown as CaseInfo;

/** The focus page planned for one image exhibit alone on a Letter packet (undefined when it gets none). */
export function planPhotoAlone(fonts: FontSet, exhibit: ImageExhibit) {
  const input = { info, exhibits: [exhibit], sources: [], findings: [], paper: { width: 612, height: 792 }, generatedAtMs: 0 } as unknown as PacketInput;
  const ctx = planContext(fonts, input);
  return planFocusPage(ctx, exhibit, 0, orientationFor(ctx, exhibit, 0));
}

/** Whether an OCR word lies wholly inside a region of its image (pixels). */
export const holdsWord = (r: { x: number; y: number; width: number; height: number }, w: OcrLine) =>
  w.bbox[0] >= r.x && w.bbox[1] >= r.y && w.bbox[0] + w.bbox[2] <= r.x + r.width && w.bbox[1] + w.bbox[3] <= r.y + r.height;
