import { Option, type Command } from 'commander';

/**
 * A command's own flag, declared once: commander is told it from here, and the type of the
 * flags a command receives is derived from here (FlagValues), so the two cannot drift apart.
 */
export interface FlagDeclaration {
  /** Commander's spelling: "-o, --output <file>" takes a value, "--force" is a switch, "--no-x" a switch on by default. */
  readonly flags: string;
  readonly help: string;
  /** The words a value may be; with a fallback, the flag always has a value. */
  readonly choices?: readonly string[];
  readonly fallback?: string;
}

/** The value a declared flag gives: one of its choices, a string when it takes a value, else a boolean. */
export type FlagValue<D extends FlagDeclaration> = D extends { readonly choices: readonly (infer C)[] }
  ? C
  : D['flags'] extends `${string}<${string}>`
    ? string
    : boolean;

/** The flags a command receives from its declarations: those with a fallback are always there, the others may be absent. */
export type FlagValues<T extends Record<string, FlagDeclaration>> = {
  -readonly [K in keyof T as T[K] extends { readonly fallback: string } ? K : never]: FlagValue<T[K]>;
} & {
  -readonly [K in keyof T as T[K] extends { readonly fallback: string } ? never : K]?: FlagValue<T[K]>;
};

/** Tells commander a command's declared flags, in the order declared. */
export function declareFlags(command: Command, declarations: Readonly<Record<string, FlagDeclaration>>): Command {
  for (const d of Object.values(declarations)) {
    if (d.choices) command.addOption(new Option(d.flags, d.help).choices(d.choices).default(d.fallback));
    else command.option(d.flags, d.help);
  }
  return command;
}
