import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeCaseFiles } from '../../src/case/init-case.js';
import type { Exhibit } from '../../src/evidence/model.js';
import { resolveExportPath, resolveLinkedPath } from '../../src/formats/export-path.js';
import { stickerLine } from '../../src/formats/imessage/stamp.js';
import { FIXTURES, REPO } from '../helpers/paths.js';
import { CASE_YAML, CHATS, codes, readChatCase, utc } from '../helpers/read-chat-case.js';
import { tempDir } from '../helpers/temp-case.js';

const sentinels = (messages: readonly { text: string }[]) => messages.flatMap((m) => /SENTINEL-(\w+\d)/.exec(m.text)?.[1] ?? []);
/** The exhibits shown after messages: their file, and the sentinel of the message each follows. */
const shownAfter = (exhibits: readonly Exhibit[], messages: readonly { seq: number; text: string }[]) =>
  exhibits.flatMap((e) => (e.kind !== 'chat' && e.follows ? [[e.source.file, sentinels(messages.filter((m) => m.seq === e.follows!.seq))[0]]] : []));

describe('paths an export writes for its files', () => {
  const names = new Set(['attachments/3/41.png', 'media/My Invoice.pdf', 'x.html_Files/a-0123456789abcdef.png']);

  it('finds a relative path among the export’s files, from the page’s folder, decoded when the page escapes it', () => {
    expect(resolveExportPath('attachments/3/41.png', names)).toEqual({ kind: 'inside', path: 'attachments/3/41.png' });
    expect(resolveExportPath('./attachments/3/../3/41.png', names)).toEqual({ kind: 'inside', path: 'attachments/3/41.png' });
    expect(resolveExportPath('41.png', names, 'attachments/3')).toEqual({ kind: 'inside', path: 'attachments/3/41.png' });
    expect(resolveLinkedPath('media/My%20Invoice.pdf', names)).toEqual({ kind: 'inside', path: 'media/My Invoice.pdf' });
    expect(resolveExportPath('x.html_Files\\a-0123456789abcdef.png', names)).toEqual({ kind: 'inside', path: 'x.html_Files/a-0123456789abcdef.png' });
    expect(resolveExportPath('attachments/3/99.png', names)).toEqual({ kind: 'absent' });
  });

  it('refuses a relative path that climbs above the export, however it is written', () => {
    for (const ref of ['../secret.png', 'attachments/../../secret.png', '..\\..\\secret.png', './..', 'a/b/../../../x'])
      expect(resolveExportPath(ref, names).kind, ref).toBe('outside');
    expect(resolveLinkedPath('..%2F..%2Fsecret.png', names).kind).toBe('outside');
    expect(resolveExportPath('../3/41.png', names, 'attachments/3')).toEqual({ kind: 'inside', path: 'attachments/3/41.png' });
  });

  it('matches an absolute path (file: URL, Windows drive) by its longest tail among the export’s files, never reading beyond them', () => {
    expect(resolveExportPath('/Users/sam/imessage_export/attachments/3/41.png', names)).toEqual({ kind: 'inside', path: 'attachments/3/41.png' });
    expect(resolveExportPath('file:///C:/exports/x.html_Files/a-0123456789abcdef.png', names)).toEqual({
      kind: 'inside',
      path: 'x.html_Files/a-0123456789abcdef.png',
    });
    expect(resolveExportPath('C:\\Users\\sam\\x.html_Files\\a-0123456789abcdef.png', names).kind).toBe('inside');
    expect(resolveExportPath('/Users/sam/Library/Messages/Attachments/ab/11/IMG_0099.HEIC', names)).toEqual({ kind: 'absent' });
    expect(resolveExportPath('/etc/passwd', names)).toEqual({ kind: 'absent' });
  });
});

describe('an imessage-exporter export folder', () => {
  it('TXT: each copied image and PDF is shown right after its message; a damaged one, one outside the export and one not copied are named', async () => {
    const { analysis, chats, findings } = await readChatCase({}, undefined, { export: 'imessage-export/txt' });
    expect(chats).toHaveLength(1);
    const chat = chats[0]!;
    expect(chat.source.format).toBe('imessage');
    expect(chat.title).toBe('iMessage export (2 conversations)');
    expect(chat.messages).toHaveLength(5);
    expect(sentinels(chat.messages)).toEqual(['IF1', 'IF2', 'IG1', 'IF3', 'IF4']);
    expect(chat.messages.map((m) => m.conversation)).toEqual(['Dana Client', 'Dana Client', '+44 7700 900123', 'Dana Client', 'Dana Client']);
    expect(chat.messages.map((m) => m.sender)).toEqual(['Dana Client', 'Me', '+44 7700 900123', 'Dana Client', 'Me']);
    expect(chat.messages.filter((m) => m.isClient)).toHaveLength(3);
    expect(utc(chat.messages[0]!.date.epochMs)).toBe('2024-03-14T10:22:05.000Z');
    expect(utc(chat.messages.at(-1)!.date.epochMs)).toBe('2024-03-14T14:00:00.000Z');
    expect(chat.messages[0]!.attachments).toEqual(['41.png']);
    expect(chat.messages[3]!.attachments).toEqual(['42.pdf', '43.jpeg']);
    expect(chat.messages[4]!.attachments).toEqual(['IMG_0099.HEIC', 'secret.png']);
    expect(shownAfter(analysis.exhibits, chat.messages)).toEqual([
      ['export/attachments/3/41.png', 'IF1'],
      ['export/attachments/3/42.pdf', 'IF3'],
    ]);
    expect(codes(findings)).toEqual(['CHAT_ATTACHMENT_OUTSIDE_EXPORT', 'ITEM_ATTACHMENT_UNREADABLE', 'ITEM_UNSUPPORTED']);
    expect(findings.find((f) => f.code === 'ITEM_ATTACHMENT_UNREADABLE')?.args.name).toBe('43.jpeg');
    expect(findings.find((f) => f.code === 'CHAT_ATTACHMENT_OUTSIDE_EXPORT')?.args.path).toBe('attachments/../../private/secret.png');
    expect(findings.find((f) => f.code === 'ITEM_UNSUPPORTED')?.file).toBe('export/notes.txt');
    // The attachments are the export's files, not loose images of their own.
    expect(analysis.exhibits.filter((e) => e.kind !== 'chat' && !e.follows)).toEqual([]);
  });

  it('HTML: img and the download link of a PDF, shown after their message; a path out of the export refused', async () => {
    const { analysis, chats, findings } = await readChatCase({}, undefined, { 'iMessage export': 'imessage-export/html' });
    const chat = chats[0]!;
    expect(chat.title).toBe('iMessage with Dana Client');
    expect(sentinels(chat.messages)).toEqual(['IH1', 'IH2', 'IH3', 'IH4']);
    expect(chat.messages[2]!.attachments).toEqual(['42.pdf', '43.jpeg']);
    expect(chat.messages[3]!.text).toContain('Unable to locate attachment: IMG_0099.HEIC');
    expect(shownAfter(analysis.exhibits, chat.messages)).toEqual([
      ['iMessage export/attachments/3/41.png', 'IH1'],
      ['iMessage export/attachments/3/42.pdf', 'IH3'],
    ]);
    expect(codes(findings)).toEqual(['CHAT_ATTACHMENT_OUTSIDE_EXPORT', 'ITEM_ATTACHMENT_UNREADABLE']);
  });

  it('other evidence put in the export’s folder stays an exhibit of its own', async () => {
    const photo = await readFile(join(CHATS, 'imessage-export/txt/attachments/3/41.png'));
    const shot = 'export/screens/Screenshot 2024-03-14 at 10.00.00.png';
    const { analysis } = await readChatCase({ [shot]: photo }, undefined, { export: 'imessage-export/html' });
    expect(analysis.sources.find((s) => s.file === shot)?.partOf).toBeUndefined();
    expect(analysis.exhibits.some((e) => e.kind === 'image' && e.file === shot && !e.follows)).toBe(true);
  });

  it('TXT stickers: its sender’s sticker is shown after its message, one not copied named, one put on another’s message left in its text', async () => {
    const { analysis, chats, findings } = await readChatCase({}, undefined, { export: 'imessage-export/stickers' });
    const chat = chats[0]!;
    expect(chat.source.format).toBe('imessage');
    expect(chat.messages.map((m) => m.text)).toEqual([
      'SENTINEL-IS1 this is what I see now\nOutline Sticker from Dana Client',
      'Sticker from Me',
      'SENTINEL-IS3 fixed, please try again\nReactions:\nSticker from Dana Client: attachments/3/45.png',
    ]);
    expect(chat.messages.map((m) => m.attachments)).toEqual([['44.png'], ['sticker.heic'], []]);
    expect(shownAfter(analysis.exhibits, chat.messages)).toEqual([['export/attachments/3/44.png', 'IS1']]);
    expect(codes(findings)).toEqual([]);
  });

  it('reads a sticker line as format_sticker writes it, whatever the effect or the sender’s name', () => {
    expect(stickerLine('Sticker from Me: attachments/3/44.png')).toEqual({ label: 'Sticker from Me', who: 'Me', path: 'attachments/3/44.png' });
    expect(stickerLine('Shiny Sticker from +44 7700 900123: attachments/orphaned/9.heic')).toMatchObject({ who: '+44 7700 900123' });
    expect(stickerLine('Sticker from Ann: Work: attachments/3/44.png')).toMatchObject({ who: 'Ann: Work', path: 'attachments/3/44.png' });
    expect(stickerLine('Sticker from Me not found!')).toBeUndefined();
    expect(stickerLine('Sticker from Me: a sticker I liked')).toBeUndefined();
  });

  it('a conversation file given alone still names its attachments', async () => {
    const { chats, analysis } = await readChatCase({}, undefined, { 'Dana Client.txt': 'imessage-export/txt/Dana Client.txt' });
    expect(chats[0]!.messages[0]!.attachments).toEqual(['attachments/3/41.png']);
    expect(analysis.exhibits.filter((e) => e.kind !== 'chat')).toEqual([]);
  });
});

describe('a signal-export conversation folder with data.json', () => {
  it('reads data.json rather than chat.md: millisecond times, senders, the reply, reactions, the photo and PDF after their message', async () => {
    const { analysis, chats, findings } = await readChatCase({}, undefined, { 'Dana Client': 'signal-json/Dana Client' });
    const chat = chats[0]!;
    expect(chat.title).toBe('Signal chat: Dana Client');
    expect(chat.messages).toHaveLength(5);
    expect(sentinels(chat.messages)).toEqual(['SJ1', 'SJ2', 'SJ3', 'SJ4']);
    expect(chat.messages.map((m) => m.sender)).toEqual(['Dana Client', 'Dana Client', 'Me', 'Me', 'Dana Client']);
    expect(chat.messages.map((m) => m.where)).toEqual([1, 2, 3, 4, 5].map((n) => `data.json line ${n}`));
    expect(utc(chat.messages[0]!.date.epochMs)).toBe('2024-03-14T10:22:05.120Z');
    expect(chat.messages[1]!.date.epochMs - chat.messages[0]!.date.epochMs).toBe(750);
    expect(utc(chat.messages.at(-1)!.date.epochMs)).toBe('2024-03-15T09:45:00.000Z');
    expect(chat.messages.every((m) => m.date.zone === 'assumed:Europe/London')).toBe(true);
    expect(chat.messages[1]!.text).toBe('SENTINEL-SJ2 (sent right after)\nReactions: Me: \u{1F44D}');
    expect(chat.messages[2]!.inReplyTo).toBe('reply to: SENTINEL-SJ1 Hi Sam, the screen that fails');
    expect(chat.messages[3]!.text).toBe('(This message was deleted)');
    expect(shownAfter(analysis.exhibits, chat.messages)).toEqual([
      ['Dana Client/media/2024-03-14T10-22-05.120_00_IMG_0042.png', 'SJ1'],
      ['Dana Client/media/2024-03-15T09-45-00.000_00_My_Invoice.pdf', 'SJ4'],
    ]);
    expect(codes(findings)).toEqual(['CHAT_ATTACHMENT_OUTSIDE_EXPORT', 'ITEM_ATTACHMENT_UNREADABLE']);
  });

  it('says the same as the chat.md beside it, to the second (cross-check of the two files the export writes)', async () => {
    const json = (await readChatCase({}, undefined, { 'Dana Client': 'signal-json/Dana Client' })).chats[0]!.messages;
    const md = (await readChatCase({}, undefined, { 'Dana Client': 'signal-json/not-messages/Dana Client' })).chats[0]!.messages;
    const facts = (ms: typeof json) => ms.map((m) => [Math.floor(m.date.epochMs / 1000), m.sender, m.text, m.inReplyTo ?? '', m.attachments]);
    expect(facts(json)).toEqual(facts(md));
  });

  it('a data.json cut short: its whole lines are read and the cut one said; one of no message: chat.md is read, and that said', async () => {
    const cut = await readChatCase({}, undefined, { 'Dana Client': 'signal-json/cut/Dana Client' });
    expect(sentinels(cut.chats[0]!.messages)).toEqual(['SJ1', 'SJ2', 'SJ3']);
    expect(cut.findings.find((f) => f.code === 'ITEM_DAMAGED')).toMatchObject({ file: 'Dana Client/data.json', line: 5 });
    const none = await readChatCase({}, undefined, { 'Dana Client': 'signal-json/not-messages/Dana Client' });
    expect(sentinels(none.chats[0]!.messages)).toEqual(['SJ1', 'SJ2', 'SJ3', 'SJ4']);
    expect(none.chats[0]!.messages[0]!.where).toBe('line 1');
    expect(String(none.findings.find((f) => f.code === 'ITEM_DAMAGED')?.args.detail)).toMatch(/chat\.md is read instead/);
  });
});

describe('DiscordChatExporter exports with --media', () => {
  const DANA_C = CASE_YAML().replace('aliases: ["+44 7700 900123"]', 'aliases: ["+44 7700 900123", dana_c]');
  const STEM = 'Acme Themes - Support - orders [1180000000000000001]';
  for (const ext of ['html', 'txt', 'json', 'csv']) {
    it(`${ext.toUpperCase()}: the files in <export>_Files/ are shown after their message; a damaged one, a URL and a path out of the export are named`, async () => {
      // TXT names the author by user name only: case.yaml gives it as an alias.
      const { analysis, chats, findings } = await readChatCase({}, DANA_C, { discord: `discord-media/${ext}` });
      const chat = chats[0]!;
      expect(chat.source).toMatchObject({ file: 'discord/', format: 'discord-media' });
      // The JSON names the channel alone; HTML and TXT with its category.
      expect(chat.title).toBe({ json: 'Discord: Acme Themes › #orders', csv: `Discord: ${STEM}` }[ext] ?? 'Discord: Acme Themes › #Support / orders');
      expect(sentinels(chat.messages)).toEqual(['DM1', 'DM2', 'DM3', 'DM4']);
      expect(chat.messages.map((m) => m.isClient === true)).toEqual([true, false, true, false]);
      expect(utc(chat.messages[0]!.date.epochMs)).toBe('2024-03-14T09:00:00.000Z');
      expect(utc(chat.messages.at(-1)!.date.epochMs)).toBe('2024-03-14T10:00:00.000Z');
      // HTML and JSON give each file's original name apart from its path: the message and the caption use it.
      const [invoice, broken, photo] =
        ext === 'txt' || ext === 'csv'
          ? ['My%20Invoice-9ed780abf6ac6310.pdf', 'broken-1e88dcfc92d69a36.jpg', 'preview-04852b721ed44cd2.png']
          : ['My Invoice.pdf', 'broken.jpg', 'preview.png'];
      expect(chat.messages[0]!.attachments).toEqual([photo]);
      expect(chat.messages[2]!.attachments).toEqual([invoice, broken, 'later.png']);
      expect(shownAfter(analysis.exhibits, chat.messages)).toEqual([
        [`discord/${STEM}.${ext}_Files/preview-04852b721ed44cd2.png`, 'DM1'],
        [`discord/${STEM}.${ext}_Files/My%20Invoice-9ed780abf6ac6310.pdf`, 'DM3'],
      ]);
      // The file on disk stays the exhibit's (appendix, first caption line); the attachment line names it as the message does.
      const shown = analysis.exhibits.filter((e) => e.kind !== 'chat' && e.follows);
      expect(shown.map((e) => e.source.attachment?.name)).toEqual([photo, invoice]);
      expect(findings.find((f) => f.code === 'ITEM_ATTACHMENT_UNREADABLE')?.args.name).toBe(broken);
      // (notes.txt beside the HTML export is read as a file of its own: see below.)
      expect(codes(findings.filter((f) => f.file !== 'discord/notes.txt'))).toEqual(['CHAT_ATTACHMENT_OUTSIDE_EXPORT', 'ITEM_ATTACHMENT_UNREADABLE']);
      // The avatars it downloaded too are the export's files, not exhibits of their own.
      expect(analysis.exhibits.filter((e) => e.kind !== 'chat' && !e.follows)).toEqual([]);
    });
  }

  it('other evidence beside the export stays a file of its own; an export alone still names its attachments', async () => {
    const { chats, analysis } = await readChatCase({}, undefined, { discord: 'discord-media/html' });
    expect(analysis.sources.map((s) => s.file)).toContain('discord/notes.txt');
    expect(analysis.sources.find((s) => s.file === 'discord/notes.txt')?.partOf).toBeUndefined();
    expect(chats).toHaveLength(1);
    const alone = await readChatCase({}, undefined, { 'export.html': `discord-media/html/${STEM}.html` });
    expect(alone.chats[0]!.messages[0]!.attachments).toEqual(['preview.png']);
    expect(alone.analysis.exhibits.filter((e) => e.kind !== 'chat')).toEqual([]);
  });
});

describe('DiscordChatExporter exports sharing a --media-dir folder', () => {
  it('exports under their default names beside a folder of downloads only: relative and absolute (Windows) paths found there', async () => {
    const photo = await readFile(
      join(CHATS, 'discord-media/json', 'Acme Themes - Support - orders [1180000000000000001].json_Files', 'preview-04852b721ed44cd2.png'),
    );
    const message = (id: string, text: string, url: string) => ({
      id,
      type: 'Default',
      timestamp: `2024-03-14T09:0${id}:00+00:00`,
      content: text,
      author: { id: '900', name: 'dana_c', discriminator: '0000', nickname: 'Dana Client' },
      attachments: [{ id: `${id}1`, url, fileName: 'preview.png', fileSizeBytes: photo.length }],
    });
    const channel = (name: string, id: string, messages: object[]) =>
      JSON.stringify({ guild: { id: '1', name: 'Acme Themes' }, channel: { id, name }, messages });
    const { analysis, chats, findings } = await readChatCase({
      'discord/Acme Themes - orders [1180000000000000001].json': channel('orders', '1180000000000000001', [
        message('1', 'SENTINEL-MD1 relative', 'media\\preview-04852b721ed44cd2.png'),
      ]),
      'discord/Acme Themes - billing [1180000000000000002].json': channel('billing', '1180000000000000002', [
        message('2', 'SENTINEL-MD2 absolute', 'C:\\Users\\sam\\Discord\\media\\preview-1111111111111111.png'),
      ]),
      'discord/media/preview-04852b721ed44cd2.png': photo,
      'discord/media/preview-1111111111111111.png': photo,
    });
    expect(chats).toHaveLength(1);
    expect(chats[0]!.title).toBe('Discord: 2 channels');
    expect(chats[0]!.messages.map((m) => m.conversation)).toEqual([
      'Acme Themes - orders [1180000000000000001]',
      'Acme Themes - billing [1180000000000000002]',
    ]);
    expect(shownAfter(analysis.exhibits, chats[0]!.messages).sort()).toEqual([
      ['discord/media/preview-04852b721ed44cd2.png', 'MD1'],
      ['discord/media/preview-1111111111111111.png', 'MD2'],
    ]);
    expect(codes(findings)).toEqual([]);
  });
});

describe('init and formats', () => {
  it('init lists each folder export once, by its format, with its messages (its files are part of it, not listed apart)', async () => {
    const dir = await tempDir();
    await cp(join(FIXTURES, 'cases', 'folder-exports'), dir, { recursive: true });
    const found = await describeCaseFiles(dir, {});
    const folders = found.filter((f) => f.file.endsWith('/')).sort((a, b) => a.file.localeCompare(b.file));
    expect(folders.map((f) => [f.file, f.format, f.chat?.messages])).toEqual([
      ['discord/', 'discord-media', 4],
      ['imessage/', 'imessage', 4],
      ['signal/Dana Client/', 'signal', 5],
    ]);
    expect(found.filter((f) => !f.file.endsWith('/')).map((f) => f.file)).toEqual([]);
  });

  it('formats names the three folder forms', async () => {
    const source = await readFile(join(REPO, 'src', 'cli', 'commands', 'formats.ts'), 'utf8');
    expect(source).toMatch(/imessage-exporter export/);
    expect(source).toMatch(/DiscordChatExporter export with --media/);
    expect(source).toMatch(/signal-export conversation \(chat\.md with data\.json/);
  });
});

describe('folders that only look like these exports by their names', () => {
  it('a web page saved beside a <name>_Files folder, a folder of attachments beside a text file: refused, naming what they are', async () => {
    const photo = await readFile(join(CHATS, 'imessage-export/txt/attachments/3/41.png'));
    const page = '<!DOCTYPE html><html><head><title>Order confirmation</title></head><body><p>Thanks</p></body></html>';
    const { chats, findings } = await readChatCase({
      'saved/page.html': page,
      'saved/page.html_Files/logo-0123456789abcdef.png': photo,
      'notes/todo.txt': 'call Dana back\n',
      'notes/attachments/3/41.png': photo,
    });
    expect(chats).toHaveLength(0);
    expect(findings.filter((f) => f.code === 'ITEM_UNSUPPORTED').map((f) => [f.file, f.args.detail])).toEqual([
      ['notes/todo.txt', expect.stringMatching(/^a text file in an imessage-exporter folder/)],
      ['saved/page.html', expect.stringMatching(/^an HTML page titled "Order confirmation".*not a DiscordChatExporter export/)],
    ]);
    // Nothing is half-read: no damage or unreadable file is claimed (the case is empty of evidence, and says so).
    expect(findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual(['CASE_EMPTY']);
  });
});
