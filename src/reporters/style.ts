/** Paints text for a terminal. chalk's instance has this shape; a function returning its text unchanged paints nothing. */
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
