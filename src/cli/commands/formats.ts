import { FORMAT_ADAPTERS } from '../../formats/index.js';
import { print, stdoutColors } from '../output.js';

export function runFormats(flags: { json?: boolean }): number {
  const formats = FORMAT_ADAPTERS.map((a) => ({ id: a.id, label: a.label, extensions: a.extensions }));
  if (flags.json) {
    print(JSON.stringify(formats, null, 2));
    return 0;
  }
  for (const f of formats) print(`${stdoutColors.bold(f.id.padEnd(13))} ${f.label}  ${stdoutColors.dim(f.extensions.map((e) => `.${e}`).join(' '))}`);
  print('\nFormats are recognised by content, not only by the file name. A folder holding a Slack export\n(users.json and channels.json) is read as one exhibit.');
  return 0;
}
