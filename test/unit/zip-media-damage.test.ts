import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { analyzeCase } from '../../src/case/analyze-case.js';
import { describeFinding } from '../../src/rules/codes.js';
import { FIXTURES } from '../helpers/paths.js';
import { makePng, tempDir } from '../helpers/temp-case.js';

const CHATS = join(FIXTURES, 'chats');

describe('a damaged photo in a WhatsApp zip', () => {
  it('is named and left out with a warning, as an email attachment is; the chat and the other photo are read', async () => {
    const chat =
      (await readFile(join(CHATS, 'whatsapp/android-24h-dmy.txt'), 'utf8')) + '15/03/2024, 09:05 - Sam Seller: IMG-20240315-WA0009.jpg (file attached)\n';
    const photo = await makePng(300, 120, 'Invoice 1042');
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from(chat), 'WhatsApp Chat with Dana Client.txt');
    zip.addBuffer(photo, 'IMG-20240314-WA0003.jpg');
    // A PNG's signature and header, its image data cut away.
    zip.addBuffer(photo.subarray(0, 60), 'IMG-20240315-WA0009.jpg');
    zip.end();
    const parts: Buffer[] = [];
    for await (const chunk of zip.outputStream) parts.push(chunk as Buffer);
    const dir = await tempDir();
    await writeFile(join(dir, 'case.yaml'), 'case: wa\ntimezone: Europe/London\nclient:\n  name: Dana Client\n  email: dana@example.com\n');
    await writeFile(join(dir, 'chat.zip'), Buffer.concat(parts));
    const analysis = await analyzeCase(dir);
    const unreadable = analysis.findings.filter((f) => f.code === 'ITEM_ATTACHMENT_UNREADABLE');
    expect(unreadable).toHaveLength(1);
    expect(unreadable[0]).toMatchObject({ severity: 'warning', file: 'chat.zip' });
    expect(describeFinding(unreadable[0]!).message).toContain('IMG-20240315-WA0009.jpg');
    expect(analysis.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(analysis.exhibits.filter((e) => e.kind === 'image').map((e) => e.file)).toEqual(['chat.zip/IMG-20240314-WA0003.jpg']);
  });
});
