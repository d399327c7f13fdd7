/** How one image is encoded: the encoding, its palette or quality, and its resolution at the placed size. */
export interface EncodeSettings {
  readonly encoding: 'png-palette' | 'png-gray' | 'png-rgb' | 'jpeg';
  /** Palette size for PNG rungs (sharp changes output only at 2, 4, 16 and 256). */
  readonly colours?: 256 | 16;
  readonly quality?: number;
  /** Drop colour (profiles that take only black and white). */
  readonly gray?: true;
  readonly dpi: number;
  /** In words, for the report: "16 colours as captured". */
  readonly label: string;
}
