/** A key's path in case.yaml: `['items', 2, 'date']`. */
export type KeyPath = readonly (string | number)[];

/** Where case.yaml's keys are, so a finding about one can name its file and line. */
export interface ManifestPlace {
  readonly file: string;
  /** The 1-based line of a key path in the manifest. */
  readonly lineOf: (path: KeyPath) => number | undefined;
}

/** `items[2].date` */
export function formatKeyPath(path: KeyPath): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part), '');
}

/** `{ line }` when a line is known, for spreading into a finding's location. */
export function lineOpt(line: number | undefined): { line?: number } {
  return line === undefined ? {} : { line };
}

/** A finding's location for a key of case.yaml: the file, the key path and its line. */
export function keyLocation(place: ManifestPlace, path: KeyPath): { file: string; path: string; line?: number } {
  return { file: place.file, path: formatKeyPath(path), ...lineOpt(place.lineOf(path)) };
}
