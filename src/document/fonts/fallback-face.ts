import type { fontkit } from '../../io/cjs.js';

/** A font parsed by fontkit. */
export type FontkitFont = ReturnType<ReturnType<typeof fontkit>['create']>;

/** A font for a script DejaVu lacks (fallback-fonts.ts, cjk-fonts.ts): its name, bytes and parsed font. */
export interface FallbackFace {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly font: FontkitFont;
}
