/** Paints text for a terminal; plain is the identity. chalk's instance has this shape. */
export type Paint = (text: string) => string;

/** The few colours the human reports use; words carry every meaning, colour only helps. */
export interface Style {
  readonly bold: Paint;
  readonly dim: Paint;
  readonly green: Paint;
  readonly red: Paint & { readonly bold: Paint };
  readonly yellow: Paint & { readonly bold: Paint };
  readonly cyan: Paint & { readonly bold: Paint };
}

const plain: Paint = (text) => text;
const plainWithBold = Object.assign((text: string) => text, { bold: plain });

/** No colour at all (NO_COLOR, files, tests). */
export const PLAIN_STYLE: Style = { bold: plain, dim: plain, green: plain, red: plainWithBold, yellow: plainWithBold, cyan: plainWithBold };
