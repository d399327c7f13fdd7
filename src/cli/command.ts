import type { Command } from 'commander';

/** How a command hands its outcome back to main.ts, the only place that sets the exit code. */
export interface CommandContext {
  /**
   * A command's run function as its commander action: the flags it was given are kept (so a
   * failure is reported as JSON under --json) and the number it returns becomes the exit code.
   */
  action<A extends unknown[]>(run: (...args: A) => Promise<number> | number): (...args: A) => Promise<void>;
}

/** Each file in commands/ exports one: it declares the command's flags and help, and runs it. */
export type RegisterCommand = (program: Command, context: CommandContext) => void;
