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
  print(
    '\nFormats are recognised by content, not only by the file name. These folders are each read as one exhibit:\n' +
      '  a Slack export (users.json and channels.json)\n' +
      '  an Apple Mail mailbox (a name.mbox folder, or Messages/*.emlx with Attachments/ beside them)\n' +
      '  a Google Chat Takeout group (messages.json and group_info.json)\n' +
      '  a signal-export conversation (chat.md with data.json, index.html or media/; data.json is read when present)\n' +
      '  a Telegram Desktop HTML export (messages.html, messages2.html… with its media)\n' +
      '  a Facebook/Instagram thread (message_N.html with photos/)\n' +
      '  an imessage-exporter export (its conversations .txt or .html with attachments/ beside them)\n' +
      '  a DiscordChatExporter export with --media (the .html, .json, .txt or .csv with its <name>_Files/ or --media-dir folder)',
  );
  return 0;
}
