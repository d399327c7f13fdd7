import { parseIsoDate } from '../evidence/dates.js';
import type { CaseInfo, DateFact, Finding } from '../evidence/model.js';
import type { CaseManifest, ManifestItem } from '../evidence/manifest-schema.js';
import { makeFinding } from '../rules/codes.js';
import { keyLocation, type ManifestPlace } from '../rules/manifest-place.js';
import { toCaseRelative } from './discover-files.js';

/** A case.yaml `items` entry, found among the case's files. */
export interface IndexedItem {
  readonly item: ManifestItem;
  /** Its position in `items`, to name its keys in findings. */
  readonly index: number;
  readonly date?: DateFact;
}

/**
 * case.yaml's items by the file each names (a folder export by `folder/`); an item naming a
 * path outside the case, a missing file or a file listed twice is a finding and left out.
 */
export function indexManifestItems(
  place: ManifestPlace,
  manifest: CaseManifest,
  files: readonly string[],
  info: CaseInfo,
  findings: Finding[],
): Map<string, IndexedItem> {
  const present = new Set(files);
  const byFile = new Map<string, IndexedItem>();
  (manifest.items ?? []).forEach((item, index) => {
    const where = (key: string) => keyLocation(place, ['items', index, key]);
    const relative = toCaseRelative(item.file.replace(/\/+$/, ''));
    if (relative === undefined) {
      findings.push(makeFinding('MANIFEST_PATH_OUTSIDE_CASE', where('file'), { value: item.file }));
      return;
    }
    // A folder export (Slack) is named by its folder.
    const file = !present.has(relative) && files.some((f) => f.startsWith(`${relative}/`)) ? `${relative}/` : relative;
    if (!present.has(file) && !file.endsWith('/')) {
      // A named pipe or a device there was found, and passed over (ITEM_NOT_A_FILE): it is there, and is not a file.
      const special = findings.find((f) => f.code === 'ITEM_NOT_A_FILE' && f.file === file);
      findings.push(
        special
          ? makeFinding('MANIFEST_NOT_A_FILE', where('file'), { value: item.file, kind: String(special.args.kind) })
          : makeFinding('MANIFEST_FILE_NOT_FOUND', where('file'), { value: item.file }),
      );
      return;
    }
    if (byFile.has(file)) {
      findings.push(makeFinding('MANIFEST_INVALID_VALUE', where('file'), { detail: `"${file}" is listed twice in items` }));
      return;
    }
    let date: DateFact | undefined;
    if (item.date) {
      date = parseIsoDate(item.date, 'manifest', info.timezone?.value);
      if (!date) findings.push(makeFinding('MANIFEST_DATE_INVALID', where('date'), { value: item.date }));
    }
    byFile.set(file, { item, index, ...(date ? { date } : {}) });
  });
  return byFile;
}
