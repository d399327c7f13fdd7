import { spawnSync } from 'node:child_process';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeCase } from '../../src/case/analyze-case.js';
import type { ChatExhibit } from '../../src/evidence/model.js';
import { FIXTURES } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp-case.js';

/*
 * Our .msg and TNEF fixtures read by independent readers (Debian's msgconvert, from
 * Email::Outlook::Message, and tnef): each must find what ours finds. Skipped, saying so,
 * where those tools are not installed (apt-get install libemail-outlook-message-perl tnef).
 */
const CASE = join(FIXTURES, 'cases', 'outlook-mail');
const hasMsgconvert = spawnSync('msgconvert', ['--help']).error === undefined;
const hasTnef = spawnSync('tnef', ['--version']).error === undefined;
if (!hasMsgconvert || !hasTnef)
  console.warn('mail cross-check: msgconvert or tnef not installed; skipped (apt-get install libemail-outlook-message-perl tnef)');

async function messagesOf(files: string[], from: string) {
  const dir = await tempDir();
  await writeFile(join(dir, 'case.yaml'), 'case: x\nclient: { name: Dana Client, email: dana@example.com }\n');
  for (const f of files) await cp(join(from, f), join(dir, f));
  const analysis = await analyzeCase(dir);
  return analysis.exhibits.filter((e): e is ChatExhibit => e.kind === 'chat').flatMap((c) => c.messages);
}

describe('mail fixtures read by independent readers', () => {
  it.skipIf(!hasMsgconvert)('msgconvert turns each .msg into an email whose sender, instant, subject and body are the ones read from the .msg', async () => {
    for (const name of ['approval.msg', 'invoice-rtf.msg', 'thanks-rtf.msg']) {
      const work = await tempDir();
      await cp(join(CASE, name), join(work, name));
      expect(spawnSync('msgconvert', [name], { cwd: work }).status).toBe(0);
      const [ours] = await messagesOf([name], CASE);
      const [theirs] = await messagesOf([name.replace(/\.msg$/, '.eml')], work);
      expect([theirs!.sender, theirs!.senderEmail, theirs!.subject, theirs!.date.epochMs]).toEqual([
        ours!.sender,
        ours!.senderEmail,
        ours!.subject,
        ours!.date.epochMs,
      ]);
      const sentinel = /SENTINEL-M\d/.exec(ours!.text)![0];
      // An RTF-only body it keeps as application/rtf, decompressed by its own reader: the text is in there.
      const eml = await readFile(join(work, name.replace(/\.msg$/, '.eml')), 'latin1');
      const rtf = /Content-Type: application\/rtf[\s\S]*?\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/.exec(eml)?.[1];
      expect(rtf ? Buffer.from(rtf, 'base64').toString('latin1') : theirs!.text).toContain(sentinel);
      expect((theirs!.attachments ?? []).filter((a) => !rtf || a !== 'application/rtf')).toEqual(ours!.attachments ?? []);
    }
  });

  it.skipIf(!hasTnef)('tnef extracts from winmail.dat the same files, byte for byte', async () => {
    const work = await tempDir();
    expect(spawnSync('tnef', ['-f', join(CASE, 'winmail.dat'), '-C', work]).status).toBe(0);
    const extracted = (await readdir(work)).sort();
    const [ours] = await messagesOf(['winmail.dat'], CASE);
    expect(extracted).toEqual([...(ours!.attachments ?? [])].sort());
    const invoice = await readFile(join(work, 'invoice-INV-0042.pdf'));
    expect(invoice.equals(await readFile(join(FIXTURES, 'cases', 'documents', 'invoice-INV-0042.pdf')))).toBe(true);
  });

  it.skipIf(!hasTnef)('tnef lists the attachments of a winmail.dat holding an attached message as we name them', async () => {
    const dir = join(FIXTURES, 'chats', 'email', 'tnef');
    const listed = spawnSync('tnef', ['-t', join(dir, 'with-message.dat')], { encoding: 'utf8' })
      .stdout.split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t')[0]);
    const messages = await messagesOf(['with-message.dat'], dir);
    expect(messages.at(-1)!.attachments).toEqual(listed);
  });
});
