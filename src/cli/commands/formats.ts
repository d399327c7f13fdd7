import type { Command } from 'commander';
import type { CommandContext } from '../command.js';
import { addSharedFlags } from '../flags.js';
import { print, stdoutColors, printJson } from '../output.js';

export function registerFormats(program: Command, context: CommandContext): void {
  const command = program.command('formats').description('List the input formats evidence-packet recognises.');
  addSharedFlags(command, ['json']).action(context.action(runFormats));
}

export async function runFormats(flags: { json?: boolean }): Promise<number> {
  const { FORMAT_ADAPTERS } = await import('../../formats/index.js');
  const formats = FORMAT_ADAPTERS.map((a) => ({ id: a.id, label: a.label, extensions: a.extensions }));
  if (flags.json) {
    printJson(formats);
    return 0;
  }
  for (const f of formats) print(`${stdoutColors.bold(f.id.padEnd(13))} ${f.label}  ${stdoutColors.dim(f.extensions.map((e) => `.${e}`).join(' '))}`);
  print('\nFormats are recognised by content, not only by the file name. A folder holding a Slack export\n(users.json and channels.json) is read as one exhibit.');
  return 0;
}
