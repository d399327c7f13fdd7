import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveExportPath, resolveLinkedPath } from '../../src/formats/export-path.js';
import { REAL_FIXTURES } from '../helpers/paths.js';
import { CHATS, readChatCase } from '../helpers/read-chat-case.js';
import { seeded } from '../helpers/seeded.js';

const SEGMENTS = ['attachments', '3', 'media', '..', '.', '', 'a b', 'x.png', 'IMG_1.jpeg', '%2e%2e', 'x.html_Files'];

/** How deep a path climbs above where it starts (its lowest depth), read segment by segment. */
function lowest(path: string): number {
  let depth = 0;
  let low = 0;
  for (const s of path.split('/')) {
    if (s === '..') low = Math.min(low, --depth);
    else if (s !== '.' && s !== '') depth++;
  }
  return low;
}

describe('resolveExportPath on seeded random paths', () => {
  it('a path is refused exactly when it climbs above the export, and what it finds is always one of the export’s files', () => {
    const random = seeded(40);
    const names = new Set(['attachments/3/x.png', 'media/a b', 'x.png', 'x.html_Files/IMG_1.jpeg']);
    for (let i = 0; i < 2000; i++) {
      const parts = Array.from({ length: 1 + Math.floor(random() * 6) }, () => SEGMENTS[Math.floor(random() * SEGMENTS.length)]!);
      const sep = random() < 0.2 ? '\\' : '/';
      const ref = parts.join(sep);
      const from = random() < 0.3 ? 'attachments/3' : '';
      const target = resolveExportPath(ref, names, from);
      const climbs = lowest(`${from}/${parts.join('/')}`) < 0;
      if (ref.trim().startsWith('/') || ref.trim().startsWith('\\')) {
        expect(target.kind, ref).not.toBe('outside');
      } else if (ref.trim() !== '') expect(target.kind === 'outside', `${ref} from ${from || '.'}`).toBe(climbs);
      if (target.kind === 'inside') expect(names.has(target.path), ref).toBe(true);
      const linked = resolveLinkedPath(ref, names, from);
      if (linked.kind === 'inside') expect(names.has(linked.path)).toBe(true);
    }
  });
});

// Exports written by the tools themselves, when the shared folder holds some (SOURCES.md lists none of these yet).
const TOOLS = ['imessage', 'discord', 'signal'].filter((t) => existsSync(join(REAL_FIXTURES, t)));
if (TOOLS.length === 0) console.warn(`skipping real folder exports: ${REAL_FIXTURES} holds no imessage/, discord/ or signal/ export`);

describe.skipIf(TOOLS.length === 0)('real folder exports (imessage-exporter, DiscordChatExporter --media, signal-export)', () => {
  for (const tool of TOOLS) {
    for (const name of readdirSync(join(REAL_FIXTURES, tool))) {
      it(`${tool}/${name}: read with its messages in time order, each shown file after a message`, async () => {
        const { analysis, chats, findings } = await readChatCase({}, undefined, { [name]: relative(CHATS, join(REAL_FIXTURES, tool, name)) });
        expect(findings.filter((f) => f.code === 'ITEM_UNSUPPORTED')).toEqual([]);
        expect(chats.length).toBeGreaterThan(0);
        for (const chat of chats) {
          const times = chat.messages.map((m) => m.date.epochMs);
          expect(times).toEqual([...times].sort((a, b) => a - b));
        }
        const seqs = new Set(chats.flatMap((c) => c.messages.map((m) => `${c.file}#${m.seq}`)));
        for (const e of analysis.exhibits) if (e.kind !== 'chat' && e.follows) expect(seqs.has(`${e.follows.file}#${e.follows.seq}`)).toBe(true);
      });
    }
  }
});
