import { letterBlocks } from '../../letter/index.js';
import type { FlowWriter } from '../text/flow-writer.js';

/** A cover letter (Markdown, see letter/markdown.ts) set on the cover, block after block. */
export function writeLetter(w: FlowWriter, text: string): void {
  for (const block of letterBlocks(text, { bodySize: w.style.body })) {
    switch (block.kind) {
      case 'heading':
        w.heading(block.text, block.size);
        break;
      case 'rich':
        w.rich(block.runs, {
          indent: block.indent,
          ...(block.marker ? { marker: block.marker } : {}),
          ...(block.after !== undefined ? { after: block.after } : {}),
        });
        break;
      case 'rule':
        w.rule();
        break;
      case 'table': {
        const [header, ...rows] = block.rows;
        const columns = header!.map((title) => ({ title, width: (w.contentWidth - block.indent) / header!.length }));
        w.table(columns, rows);
        break;
      }
    }
  }
}
