import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeCase } from '../../src/case/analyze-case.js';
import type { ChatExhibit, Finding } from '../../src/evidence/model.js';
import { detectFormat } from '../../src/formats/index.js';
import { FIXTURES } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp-case.js';

const CASE = join(FIXTURES, 'cases', 'outlook-mail');
const DAMAGED = join(FIXTURES, 'chats', 'email', 'damaged');
/** Where Mail keeps one mailbox's messages, spread over Data/<digits>/ folders. */
const DATA = '8C1B1A52-4A1B-4C3D-9E2F-0A1B2C3D4E5F/Data';
const YAML = 'case: mail-test\ntimezone: Europe/London\nclient:\n  name: Dana Client\n  email: dana@example.com\n';
const utc = (ms: number) => new Date(ms).toISOString();
const codes = (findings: readonly Finding[]) => findings.map((f) => f.code);

/** A case holding the given fixture files (copied under the given names) read as the packet would. */
async function readFiles(files: Record<string, string>) {
  const dir = await tempDir();
  await writeFile(join(dir, 'case.yaml'), YAML);
  for (const [name, from] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await cp(from, join(dir, name), { recursive: true });
  }
  const analysis = await analyzeCase(dir);
  const chats = analysis.exhibits.filter((e): e is ChatExhibit => e.kind === 'chat');
  return { analysis, chats, messages: chats.flatMap((c) => c.messages), findings: analysis.findings };
}
const readOne = (path: string) => readFiles({ [basename(path)]: path });

describe('mail formats are known by their content', () => {
  it.each([
    ['approval.msg', 'message.bin', 'outlook-msg'],
    ['winmail.dat', 'ATT00001.bin', 'tnef'],
    ['1201.emlx', 'mail.txt', 'emlx'],
    ['delivered.eml', 'delivered.msg', 'email'],
  ])('%s named %s is read as %s', async (file, name, id) => {
    const sample = (await readFile(join(CASE, file))).subarray(0, 64 * 1024);
    expect(detectFormat(sample, name)?.id).toBe(id);
  });

  it('does not take a compound file without MAPI streams (a Word .doc) nor a line of digits before text for mail', async () => {
    const msg = await readFile(join(CASE, 'approval.msg'));
    const doc = Buffer.from(msg.toString('latin1').replaceAll('_\0_\0s\0u\0b\0s\0t\0g\0', 'W\0o\0r\0d\0D\0o\0c\0u\0m\0'), 'latin1');
    expect(detectFormat(doc, 'report.doc')?.id).not.toBe('outlook-msg');
    expect(detectFormat(Buffer.from('2024\nTotals for the year\nsee below\n'), 'notes.emlx')?.id).not.toBe('emlx');
  });
});

describe('Outlook .msg', () => {
  it('reads the sender, the Date kept from transport with its offset, the recipients, the attachment, and masks the card number', async () => {
    const { messages, analysis } = await readOne(join(CASE, 'approval.msg'));
    expect(messages).toHaveLength(1);
    const m = messages[0]!;
    expect(m).toMatchObject({
      sender: 'Dana Client',
      senderEmail: 'dana@example.com',
      isClient: true,
      subject: 'Re: Theme delivered',
      attachments: ['installed.png'],
    });
    expect(utc(m.date.epochMs)).toBe('2024-03-13T10:22:00.000Z');
    expect(m.date).toMatchObject({ zone: 'offset', offsetMinutes: 60 });
    expect(m.text).toContain('To: "Sam Seller" <sam@seller.example>');
    expect(m.text).toContain('SENTINEL-M2 The theme works, approved.');
    expect(m.text).not.toContain('4111 1111 1111 1111');
    expect(analysis.exhibits.map((e) => [e.file, e.kind])).toContainEqual(['approval.msg/installed.png', 'image']);
  });

  it('reads an attached message as a message of its own, dated by its submit time (UTC), before the one that carries it', async () => {
    const { messages } = await readOne(join(CASE, 'forwarded.msg'));
    expect(messages.map((m) => [utc(m.date.epochMs), m.sender, m.isClient ?? false, m.date.zone])).toEqual([
      ['2024-03-12T09:00:00.000Z', 'Dana Client', true, 'epoch'],
      ['2024-03-13T12:00:00.000Z', 'Sam Seller', false, 'epoch'],
    ]);
    expect(messages[0]!.text).toContain('SENTINEL-M1 Please send the logo files.');
    expect(messages[1]!.text).toContain('SENTINEL-M3 Forwarding your request, files follow.');
    expect(messages[1]!.text).not.toContain('<p>');
    expect(messages[1]!.attachments).toEqual(['Files for the theme']);
  });

  it('turns an RTF-only body into text: HTML encapsulated in RTF, and RTF from Outlook’s editor', async () => {
    const html = await readOne(join(CASE, 'invoice-rtf.msg'));
    expect(html.messages[0]!.text).toContain('SENTINEL-M4 Invoice sent, café €49.');
    expect(html.messages[0]!.text).not.toMatch(/\\rtf|htmltag|<p>/);
    const plain = await readOne(join(CASE, 'thanks-rtf.msg'));
    expect(plain.messages[0]!.text).toContain('SENTINEL-M5 Thanks, received.\nSecond line');
    expect(plain.messages[0]!.text).not.toContain('Arial');
  });

  it('refuses a compound file that is not a message (a Word file named .msg), saying what it looked like', async () => {
    const msg = await readFile(join(CASE, 'approval.msg'));
    const doc = Buffer.from(msg.toString('latin1').replaceAll('_\0_\0s\0u\0b\0s\0t\0g\0', 'W\0o\0r\0d\0D\0o\0c\0u\0m\0'), 'latin1');
    const dir = await tempDir();
    await writeFile(join(dir, 'report.msg'), doc);
    const { chats, findings } = await readOne(join(dir, 'report.msg'));
    expect(chats).toEqual([]);
    expect(findings).toContainEqual(
      expect.objectContaining({
        code: 'ITEM_UNREADABLE',
        file: 'report.msg',
        args: { detail: expect.stringContaining('without the properties of a message') },
      }),
    );
  });

  it('reports a file cut short as unreadable, naming it, with no message invented', async () => {
    const { chats, findings } = await readOne(join(DAMAGED, 'cut.msg'));
    expect(chats).toEqual([]);
    expect(findings).toContainEqual(
      expect.objectContaining({
        code: 'ITEM_UNREADABLE',
        file: 'cut.msg',
        args: { detail: expect.stringContaining('compound-file structure is damaged or cut short') },
      }),
    );
  });
});

describe('TNEF (winmail.dat)', () => {
  it('reads a winmail.dat alone: sender, submit time, the RTF body, and the PDF inside as an exhibit after its message', async () => {
    const { messages, analysis } = await readOne(join(CASE, 'winmail.dat'));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      sender: 'Sam Seller',
      senderEmail: 'sam@seller.example',
      subject: 'Your invoice',
      attachments: ['invoice-INV-0042.pdf'],
    });
    expect(utc(messages[0]!.date.epochMs)).toBe('2024-03-14T09:00:00.000Z');
    expect(messages[0]!.text).toContain('SENTINEL-T1 Your invoice is attached.');
    expect(analysis.exhibits.map((e) => [e.file, e.kind])).toEqual([
      ['winmail.dat', 'chat'],
      ['winmail.dat/invoice-INV-0042.pdf', 'document'],
    ]);
  });

  it('opens the winmail.dat an .eml carries: its image becomes an exhibit and its RTF body the message’s text', async () => {
    const { messages, analysis } = await readOne(join(CASE, 'delivered.eml'));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ sender: 'Sam Seller', attachments: ['delivered.png'] });
    expect(messages[0]!.date).toMatchObject({ zone: 'offset', offsetMinutes: -240 });
    expect(utc(messages[0]!.date.epochMs)).toBe('2024-03-14T14:00:00.000Z');
    expect(messages[0]!.text).toContain('SENTINEL-T2 Delivered, photo attached.');
    expect(analysis.exhibits.map((e) => [e.file, e.kind])).toContainEqual(['delivered.eml/delivered.png', 'image']);
  });

  it('says a winmail.dat is damaged, alone or inside an email, and keeps what is whole', async () => {
    const alone = await readOne(join(DAMAGED, 'cut-winmail.dat'));
    expect(alone.messages.map((m) => m.sender)).toEqual(['Sam Seller']);
    expect(alone.findings).toContainEqual(
      expect.objectContaining({ code: 'ITEM_DAMAGED', file: 'cut-winmail.dat', args: { detail: expect.stringContaining('cut short') } }),
    );
    const inside = await readOne(join(DAMAGED, 'cut-tnef.eml'));
    expect(inside.messages).toHaveLength(1);
    expect(inside.findings).toContainEqual(
      expect.objectContaining({
        code: 'ITEM_DAMAGED',
        file: 'cut-tnef.eml',
        args: { detail: expect.stringMatching(/"winmail\.dat" \(TNEF\): it is cut short/) },
      }),
    );
  });
});

describe('Apple Mail .emlx', () => {
  it('reads the message after its length line, with its Date and offset', async () => {
    const { messages, findings } = await readOne(join(CASE, '1201.emlx'));
    expect(messages.map((m) => [utc(m.date.epochMs), m.sender, m.isClient, m.date.zone])).toEqual([
      ['2024-03-15T09:30:00.000Z', 'Dana Client', true, 'offset'],
    ]);
    expect(messages[0]!.text).toContain('SENTINEL-E1 All good, thank you.');
    expect(codes(findings)).not.toContain('ITEM_DAMAGED');
  });

  it('reads a mailbox folder as one exhibit over its Data/ folders: the attachment of a .partial.emlx comes from Attachments/<id>/<part>/ and follows its message', async () => {
    const { messages, analysis, findings } = await readFiles({ Mail: join(CASE, 'Mail') });
    expect(messages.map((m) => [utc(m.date.epochMs), m.sender, m.attachments ?? []])).toEqual([
      ['2024-03-15T11:00:00.000Z', 'Sam Seller', ['receipt.png']],
      ['2024-03-15T12:00:00.000Z', 'Dana Client', []],
    ]);
    expect(analysis.exhibits.map((e) => [e.file, e.kind])).toEqual([
      ['Mail/INBOX.mbox/', 'chat'],
      ['Mail/INBOX.mbox/receipt.png', 'image'],
    ]);
    // The appendix lists the mailbox's files and the attachment it shows, each hashed.
    expect(analysis.sources.map((s) => [s.file, s.attachment?.message])).toEqual(
      expect.arrayContaining([
        [`Mail/INBOX.mbox/${DATA}/2/1/Messages/1202.partial.emlx`, undefined],
        [`Mail/INBOX.mbox/${DATA}/2/1/Attachments/1202/2/receipt.png`, undefined],
        [`Mail/INBOX.mbox/${DATA}/3/2/Messages/2203.emlx`, undefined],
        ['Mail/INBOX.mbox/receipt.png', '<receipt-1@seller.example>'],
      ]),
    );
    expect(codes(findings)).not.toContain('ITEM_DAMAGED');
    expect(codes(findings)).not.toContain('ITEM_DATE_MISSING');
  });

  it('names the attachment a lone .partial.emlx lacks, and says when an .emlx is cut short', async () => {
    const lone = await readOne(join(DAMAGED, '1202.partial.emlx'));
    expect(lone.messages).toHaveLength(1);
    expect(lone.findings).toContainEqual(
      expect.objectContaining({ code: 'ITEM_DAMAGED', args: { detail: expect.stringContaining('"receipt.png" was not downloaded by Mail') } }),
    );
    const cut = await readOne(join(DAMAGED, 'cut.emlx'));
    expect(cut.findings).toContainEqual(
      expect.objectContaining({ code: 'ITEM_DAMAGED', file: 'cut.emlx', args: { detail: expect.stringContaining('cut short') } }),
    );
  });
});

describe('init walks the mail files', () => {
  it('lists each with its format, messages and the attachments shown after them', async () => {
    const { describeCaseFiles } = await import('../../src/case/init-case.js');
    const files = await describeCaseFiles(CASE, {});
    expect(files.map((f) => [f.file, f.format, f.chat?.messages, f.attachments ?? []])).toEqual([
      ['Mail/INBOX.mbox/', 'apple-mail', 2, ['receipt.png']],
      ['1201.emlx', 'emlx', 1, []],
      ['approval.msg', 'outlook-msg', 1, ['installed.png']],
      ['delivered.eml', 'email', 1, ['delivered.png']],
      ['forwarded.msg', 'outlook-msg', 2, []],
      ['invoice-rtf.msg', 'outlook-msg', 1, []],
      ['thanks-rtf.msg', 'outlook-msg', 1, []],
      ['winmail.dat', 'tnef', 1, ['invoice-INV-0042.pdf']],
    ]);
  });
});

describe('less common shapes', () => {
  it('places a winmail.dat time given only as attDateSent (a wall time) in the case’s zone, and says it was assumed', async () => {
    const { messages } = await readOne(join(FIXTURES, 'chats', 'email', 'tnef', 'date-sent-only.dat'));
    expect(messages[0]!.date).toMatchObject({ zone: 'assumed:Europe/London', text: 'attDateSent 2024-06-14 10:00:00' });
    expect(utc(messages[0]!.date.epochMs)).toBe('2024-06-14T09:00:00.000Z');
    expect(messages[0]).toMatchObject({ sender: 'Dana Client', isClient: true });
  });

  it('reads a message attached inside a winmail.dat as a message of its own, its photo after it', async () => {
    const { messages, analysis } = await readOne(join(FIXTURES, 'chats', 'email', 'tnef', 'with-message.dat'));
    expect(messages.map((m) => [utc(m.date.epochMs), m.sender, m.attachments])).toEqual([
      ['2024-03-10T08:00:00.000Z', 'Dana Client', ['parcel.png']],
      ['2024-03-11T08:00:00.000Z', 'Sam Seller', ['Photo of the parcel']],
    ]);
    expect(messages.map((m) => /SENTINEL-T\d/.exec(m.text)?.[0])).toEqual(['SENTINEL-T4', 'SENTINEL-T5']);
    expect(analysis.exhibits.filter((e) => e.kind === 'image').map((e) => e.file)).toEqual(['with-message.dat/parcel.png']);
  });

  it('reports a draft never sent (no Date, submit or delivery time) instead of dating it now', async () => {
    const { messages, findings } = await readOne(join(FIXTURES, 'chats', 'email', 'outlook', 'draft.msg'));
    expect(messages).toEqual([]);
    expect(findings).toContainEqual(expect.objectContaining({ code: 'CHAT_MESSAGE_UNDATED', file: 'draft.msg' }));
  });
});

describe('Apple Mail date-received', () => {
  it('dates a message without a Date header by the date-received Mail recorded, as an epoch time', async () => {
    const message =
      'From: Dana Client <dana@example.com>\nTo: Sam Seller <sam@seller.example>\nSubject: No date\nMessage-ID: <nodate@example.com>\n\nSENTINEL-E3 no Date header here.\n';
    const plist =
      '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>date-received</key>\n\t<integer>1710496800</integer>\n\t<key>flags</key>\n\t<integer>1</integer>\n</dict>\n</plist>\n';
    const dir = await tempDir();
    const file = join(dir, '77.emlx');
    await writeFile(file, `${Buffer.byteLength(message)}\n${message}${plist}`);
    const { messages, findings } = await readOne(file);
    expect(messages.map((m) => [utc(m.date.epochMs), m.date.zone, m.date.text])).toEqual([['2024-03-15T10:00:00.000Z', 'epoch', 'date-received 1710496800']]);
    expect(codes(findings)).not.toContain('CHAT_MESSAGE_UNDATED');
  });
});

describe('Outlook .msg in the ANSI form', () => {
  it('decodes its 8-bit text in the message’s code page (windows-1251 here, with its euro sign)', async () => {
    const { messages } = await readOne(join(FIXTURES, 'chats', 'email', 'outlook', 'ansi-1251.msg'));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ sender: 'Дана Клиент', senderEmail: 'dana@example.com', isClient: true, subject: 'Счёт оплачен' });
    expect(messages[0]!.text).toContain('SENTINEL-A1 Спасибо, счёт оплачен: 49 €.');
  });
});

describe('.eml attachments without a file name', () => {
  it('are named by their type in the message and shown as attachment-N', async () => {
    const png = await readFile(join(CASE, 'Mail', 'INBOX.mbox', DATA, '2', '1', 'Attachments', '1202', '2', 'receipt.png'));
    const eml = `From: Sam Seller <sam@seller.example>\r\nTo: dana@example.com\r\nSubject: Photo\r\nDate: Fri, 15 Mar 2024 11:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nSee the photo.\r\n--b\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\n${png.toString('base64')}\r\n--b--\r\n`;
    const dir = await tempDir();
    await writeFile(join(dir, 'photo.eml'), eml);
    const { messages, analysis } = await readOne(join(dir, 'photo.eml'));
    expect(messages[0]!.attachments).toEqual(['image/png']);
    expect(analysis.exhibits.map((e) => e.file)).toEqual(['photo.eml', 'photo.eml/attachment-1']);
  });
});

describe('starting up', () => {
  it('loads none of the mail readers’ packages until a message needs them', async () => {
    const { spawnSync } = await import('node:child_process');
    const { REPO } = await import('../helpers/paths.js');
    const script = `await import('./dist/index.js'); const { createRequire } = await import('node:module');
      console.log(JSON.stringify(Object.keys(createRequire(import.meta.url).cache)));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const loaded = (JSON.parse(run.stdout) as string[]).join(' ');
    for (const lazy of ['@kenjiuno/msgreader', '@kenjiuno/decompressrtf', 'rtf-stream-parser']) expect(loaded).not.toContain(lazy);
  });
});
