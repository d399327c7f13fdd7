import type { Command } from 'commander';
import { formatBytes, PROFILES } from '../../budget/profiles.js';
import type { CommandContext } from '../command.js';
import { addSharedFlags } from '../flags.js';
import { formatTable, print, stdoutColors, printJson } from '../output.js';

export function registerProfiles(program: Command, context: CommandContext): void {
  const command = program.command('profiles').description('List the processor profiles, their size and page limits, and where the figures come from.');
  addSharedFlags(command, ['json']).action(context.action(runProfiles));
}

export function runProfiles(flags: { json?: boolean }): number {
  if (flags.json) {
    printJson(PROFILES);
    return 0;
  }
  const c = stdoutColors;
  const rows = PROFILES.map((p) => [
    p.name,
    p.maxBytes ? formatBytes(p.maxBytes) : 'no limit',
    [p.maxPages ? `${p.maxPages}` : '', ...Object.entries(p.networkMaxPages ?? {}).map(([n, v]) => `${v} (${n})`)].filter(Boolean).join(', ') || 'no limit',
    p.files === 'several' ? 'per file (--split)' : 'one file',
    p.blackAndWhite ? 'black and white' : '',
  ]);
  print(formatTable(['profile', 'size', 'pages', 'limit is', 'other'], rows, c));
  print('');
  for (const p of PROFILES) print(`${c.bold(p.name)}: ${p.source}`);
  return 0;
}
