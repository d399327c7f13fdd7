import type { FontSet } from './fonts/load-fonts.js';
import { exhibitNumbering, type Numbering } from './numbering.js';
import type { PacketInput } from './types.js';

/** What every planner is handed: the fonts text is measured with, the packet's input, and how its exhibits are numbered. */
export interface PlanContext {
  readonly fonts: FontSet;
  readonly input: PacketInput;
  readonly numbering: Numbering;
}

export function planContext(fonts: FontSet, input: PacketInput): PlanContext {
  return { fonts, input, numbering: exhibitNumbering(input) };
}
