// A Facebook/Instagram thread is read twice (times first, then messages oldest first): a page
// that says something else the second time has changed meanwhile, and what differs is not shown.
import { describe, expect, it } from 'vitest';
import { bufferChunks } from '../../src/chat/text.js';
import type { ChatExhibit, SourceFile } from '../../src/evidence/model.js';
import { parseMetaHtml } from '../../src/formats/meta/html.js';
import type { ExportReader, ParseContext } from '../../src/formats/types.js';

function page(minutes: number[]): string {
  const blocks = minutes.map(
    (m) =>
      `<div class="_3-95 _a6-g"><div class="_2ph_ _a6-h _a6-i">Dana Client</div><div class="_2ph_ _a6-p"><div><div></div><div>At ${m}</div><div></div><div></div></div></div><div class="_3-94 _a6-o"><div class="_a72d">Jan 15, 2024 10:${String(m).padStart(2, '0')}:00 am</div></div></div>`,
  );
  return `<html><head><meta charset="utf-8" /><title>Dana Client</title></head><body><div class="_a706" role="main">${blocks.join('')}</div></body></html>`;
}

const source: SourceFile = { file: 'thread/', absolutePath: '/nowhere/thread', bytes: 0, sha256: '0'.repeat(64) };
const ctx: ParseContext = { source, open: () => bufferChunks(Buffer.alloc(0)), timezone: 'UTC' };

describe('a Meta thread read twice', () => {
  it('a page whose times differ on the second reading loses the messages that differ, with ITEM_DAMAGED', async () => {
    const opened = new Map<string, number>();
    const reader: ExportReader = {
      names: ['message_1.html', 'message_2.html'],
      read: async () => Buffer.alloc(0),
      open(name) {
        const n = (opened.get(name) ?? 0) + 1;
        opened.set(name, n);
        // Opened for its head, then for its times, then for its messages: by then message_1 was rewritten.
        if (name === 'message_2.html') return bufferChunks(Buffer.from(page([4, 3, 2, 1])), 512);
        return bufferChunks(Buffer.from(page(n < 3 ? [8, 7, 6, 5] : [9, 7, 6, 5])), 512);
      },
    };
    const result = await parseMetaHtml(ctx, reader.names, reader);
    const texts = (result.exhibits[0] as ChatExhibit).messages.map((m) => m.text);
    expect(texts).toEqual(['At 1', 'At 2', 'At 3', 'At 4', 'At 5', 'At 6', 'At 7']);
    const damaged = result.findings.filter((f) => f.code === 'ITEM_DAMAGED');
    expect(damaged.map((f) => String(f.args.detail))).toEqual([expect.stringMatching(/^message_1\.html changed while it was read/)]);
  });
});
