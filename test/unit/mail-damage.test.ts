import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferChunks } from '../../src/chat/text.js';
import { emlxAdapter } from '../../src/formats/email/emlx-adapter.js';
import { emailAdapter } from '../../src/formats/email/index.js';
import { msgAdapter } from '../../src/formats/email/msg-adapter.js';
import { tnefAdapter } from '../../src/formats/email/tnef-adapter.js';
import type { FormatAdapter } from '../../src/formats/types.js';
import { FIXTURES } from '../helpers/paths.js';
import { seeded } from '../helpers/seeded.js';

const CASE = join(FIXTURES, 'cases', 'outlook-mail');
const ADAPTERS: Record<string, FormatAdapter> = { tnef: tnefAdapter, 'outlook-msg': msgAdapter, emlx: emlxAdapter, email: emailAdapter };

/** The file cut at a random point, or with a few random bytes changed. */
function damage(bytes: Buffer, next: () => number): Buffer {
  if (next() < 0.5) return bytes.subarray(0, Math.floor(next() * bytes.length));
  const copy = Buffer.from(bytes);
  for (let k = 0; k < 1 + Math.floor(next() * 8); k++) copy[Math.floor(next() * copy.length)] = Math.floor(next() * 256);
  return copy;
}

async function parse(adapter: FormatAdapter, file: string, bytes: Buffer) {
  const source = { file, absolutePath: `/nowhere/${file}`, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), format: adapter.id };
  return adapter.parse({ source, bytes, open: () => bufferChunks(bytes) });
}

describe('damaged mail files never crash the reader', () => {
  // delivered.eml carries a winmail.dat: cut or flipped, its TNEF is damaged inside a readable email.
  it.each([
    ['tnef', 'winmail.dat', 30],
    ['outlook-msg', 'approval.msg', 40],
    ['outlook-msg', 'forwarded.msg', 40],
    ['emlx', '1201.emlx', 60],
    ['email', 'delivered.eml', 40],
  ] as const)('%s: %s, damaged at random %i times, gives messages or findings, never an exception', async (id, file, runs) => {
    const adapter = ADAPTERS[id]!;
    const whole = await readFile(join(CASE, file));
    const next = seeded(file.length * 7919);
    for (let i = 0; i < runs; i++) {
      const bytes = damage(whole, next);
      const result = await parse(adapter, file, bytes);
      const messages = result.exhibits.flatMap((e) => (e.kind === 'chat' ? e.messages : []));
      // Something is said about the file: what was read, or why not.
      expect(messages.length + result.findings.length).toBeGreaterThan(0);
      for (const m of messages) expect(Number.isFinite(m.date.epochMs)).toBe(true);
    }
  });
});
