import { basename } from 'node:path';
import { sampleText } from '../../chat/text.js';
import { makeFinding } from '../../rules/codes.js';
import { chatResult, newCollector } from '../chat-result.js';
import type { FormatAdapter, ParseContext, ParseResult } from '../types.js';
import { readImessageHtml } from './read-html.js';
import { readImessageTxt } from './read-txt.js';
import { STAMP } from './stamp.js';
import { rejectSource } from '../reject-source.js';

/** imessage-exporter names each file after the conversation: a contact, a number, an email, a group. */
function title(ctx: ParseContext): string {
  return `iMessage with ${basename(ctx.source.file).replace(/\.(txt|html?)$/i, '')}`;
}

/** imessage-exporter (ReagentX) `--format txt`: see ./read-txt.ts. */
export const imessageTxtAdapter: FormatAdapter = {
  id: 'imessage-txt',
  label: 'iMessage via imessage-exporter, TXT',
  extensions: ['txt'],
  ownsExtensions: false,
  streams: true,
  detect(sample) {
    const lines = sampleText(sample).split(/\r?\n/, 400);
    // A message is its time line, then its sender on the next line.
    let pairs = 0;
    lines.forEach((line, i) => {
      if (STAMP.exec(line) && !STAMP.test(lines[i + 1] ?? '') && (lines[i + 1] ?? '').trim() !== '') pairs++;
    });
    return STAMP.test(lines[0] ?? '') && pairs >= 1 ? 0.9 : pairs >= 2 ? 0.6 : 0;
  },
  async parse(ctx): Promise<ParseResult> {
    const collector = newCollector(ctx);
    const read = await readImessageTxt(ctx, collector);
    if (read.blocks === 0) return rejectSource(makeFinding('ITEM_UNREADABLE', { file: ctx.source.file }, { detail: 'no imessage-exporter message in it' }));
    return chatResult(ctx, collector, 'iMessage', title(ctx));
  },
};

/** imessage-exporter (ReagentX) `--format html`: see ./read-html.ts. */
export const imessageHtmlAdapter: FormatAdapter = {
  id: 'imessage-html',
  label: 'iMessage via imessage-exporter, HTML',
  extensions: ['html', 'htm'],
  ownsExtensions: false,
  detect(sample) {
    const text = sampleText(sample);
    if (!/<html/i.test(text.slice(0, 512))) return 0;
    return /<div class="message"/.test(text) && /<span class="timestamp">/.test(text) && /<span class="sender">/.test(text) ? 0.9 : 0;
  },
  async parse(ctx): Promise<ParseResult> {
    const collector = newCollector(ctx);
    const read = readImessageHtml(ctx, collector);
    // The exporter closes every page with </body></html>: a page without it was cut short.
    const tail = (ctx.bytes ?? Buffer.alloc(0)).subarray(-1024).toString('latin1');
    const findings =
      read.blocks === 0 || !/<\/html>\s*$/i.test(tail)
        ? [
            makeFinding(
              'ITEM_DAMAGED',
              { file: ctx.source.file },
              {
                detail:
                  read.blocks === 0
                    ? 'no message or announcement in the page'
                    : 'the page ends without its closing </html>, so it was cut short: its last message may be incomplete',
              },
            ),
          ]
        : [];
    return chatResult(ctx, collector, 'iMessage', title(ctx), { findings });
  },
};
