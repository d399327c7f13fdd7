import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FIXTURES } from '../helpers/paths.js';
import { describe, expect, it } from 'vitest';
import { describeCaseFiles, renderManifest } from '../../src/case/init-case.js';
import { parseManifest } from '../../src/case/load-manifest.js';
import { askAboutFiles, askCaseFacts } from '../../src/cli/init-flow.js';
import type { Prompter } from '../../src/cli/prompts.js';
import { checkCase } from '../../src/pipeline/check.js';
import { makePng, tempDir } from '../helpers/temp-case.js';

/**
 * Answers questions from a script, in order, the way a user at the prompt would: an answer
 * the prompt's validation rejects is recorded and the next one is tried (inquirer asks again).
 */
function scripted(answers: (string | boolean)[]) {
  const asked: string[] = [];
  const rejected: string[] = [];
  const said: string[] = [];
  const next = (message: string) => {
    asked.push(message);
    if (answers.length === 0) throw new Error(`no scripted answer for "${message}"`);
    return answers.shift()!;
  };
  const prompter: Prompter = {
    async input(q) {
      for (;;) {
        const raw = next(q.message);
        const value = raw === '' && q.default !== undefined ? q.default : String(raw);
        const ok = q.validate ? q.validate(value) : true;
        if (ok === true) return value.trim();
        rejected.push(ok);
      }
    },
    async confirm(q) {
      const raw = next(q.message);
      return raw === '' ? (q.default ?? false) : raw === true;
    },
    async select(q) {
      const raw = next(q.message);
      const value = raw === '' ? q.default : String(raw);
      if (!q.choices.some((c) => c.value === value)) throw new Error(`"${value}" is not a choice of "${q.message}"`);
      return value as never;
    },
    say: (text) => said.push(text),
  };
  return { prompter, asked, rejected, said, left: answers };
}

describe('init prompts', () => {
  it('asks the case facts, re-asks a bad email, amount and zone, and keeps the defaults on Enter', async () => {
    const s = scripted([
      '', // case id: default
      'stripe',
      'mastercard',
      'product_not_received',
      '49,99',
      '49.99',
      'eur',
      'Europe/Londn',
      'Europe/London',
      '2024-04-02 23:59',
      'Jane Doe',
      'jane.doe@',
      'jane.doe@example.com',
      'Jane D, +44 7700 900123',
      'Acme Themes',
      'support@acme.dev',
      'She received the files on 13 March.',
    ]);
    const facts = await askCaseFacts(s.prompter, { case: 'dp_77' });
    expect(s.left).toEqual([]);
    expect(s.rejected).toHaveLength(3);
    expect(s.rejected[2]).toContain('not an email address');
    expect(facts).toEqual({
      case: 'dp_77',
      profile: 'stripe',
      network: 'mastercard',
      reason: 'product_not_received',
      amount: 49.99,
      currency: 'EUR',
      due: '2024-04-02 23:59',
      timezone: 'Europe/London',
      client: { name: 'Jane Doe', email: 'jane.doe@example.com', aliases: ['Jane D', '+44 7700 900123'] },
      merchant: { name: 'Acme Themes', email: 'support@acme.dev' },
      summary: 'She received the files on 13 March.',
    });
  });

  it('does not ask for a network where the profile has no network limits', async () => {
    const s = scripted(['', 'paypal', '', '', '', '', 'Jane Doe', 'jane@example.com', '', '', '', '']);
    const facts = await askCaseFacts(s.prompter, { case: 'x', timezone: 'UTC' });
    expect(s.asked.some((q) => q.startsWith('Card network'))).toBe(false);
    expect(facts).toMatchObject({ profile: 'paypal', reason: 'product_unacceptable', timezone: 'UTC' });
    expect(facts).not.toHaveProperty('amount');
  });

  it('walks the files: keeps or corrects dates, asks one when none is found, selects chat messages, and writes a case.yaml check accepts', async () => {
    const dir = join(await tempDir(), 'case');
    await mkdir(join(dir, 'shots'), { recursive: true });
    await writeFile(join(dir, 'shots', 'Screenshot_20240305-141208.png'), await makePng(600, 300, 'order'));
    await writeFile(join(dir, 'shots', 'approval.png'), await makePng(600, 300, 'approved'));
    await writeFile(join(dir, 'shots', 'later.png'), await makePng(600, 300, 'later'));
    const chat = Array.from(
      { length: 30 },
      (_, i) => `1${3 + (i % 3)}/03/2024, 10:${String(i + 10)} - ${i % 2 ? 'Jane Doe' : 'Sam'}: message ${i}${i === 7 ? ' approved' : ''}`,
    ).join('\n');
    await writeFile(join(dir, 'whatsapp.txt'), chat + '\n');

    const files = await describeCaseFiles(dir, { tz: 'Europe/London', clientName: 'Jane Doe', clientEmail: 'jane@example.com' });
    expect(files.map((f) => [f.file, f.date?.source.split(' (')[0] ?? null])).toEqual([
      ['shots/Screenshot_20240305-141208.png', 'from the file name'],
      ['shots/approval.png', null],
      ['shots/later.png', null],
      ['whatsapp.txt', 'from the export'],
    ]);
    expect(files[3]!.chat).toMatchObject({ messages: 30 });

    const s = scripted([
      'keep',
      'Client orders the theme',
      'yesterday',
      '2024-03-14 10:22',
      'Client approves',
      '',
      '',
      true,
      '2024-03-10',
      '2024-03-16',
      'approved',
      '1',
      'The approval in chat',
    ]);
    const items = await askAboutFiles(s.prompter, files, 'Europe/London');
    expect(s.left).toEqual([]);
    expect(items).toEqual([
      { file: 'shots/Screenshot_20240305-141208.png', note: 'Client orders the theme' },
      { file: 'shots/approval.png', date: '2024-03-14 10:22', note: 'Client approves' },
      { file: 'whatsapp.txt', note: 'The approval in chat', select: { from: '2024-03-10', to: '2024-03-16', match: ['approved'], context: 1 } },
    ]);
    expect(s.said.join('\n')).toContain('shots/later.png: no date found');
    expect(s.rejected).toEqual(['"yesterday" is not a date as case.yaml takes it; write it like 2024-04-02 23:59 or 2024-04-02T23:59:00-04:00.']);

    const yaml = await renderManifest({
      case: 'dp_1',
      profile: 'stripe',
      timezone: 'Europe/London',
      client: { name: 'Jane Doe', email: 'jane@example.com', aliases: [] },
      summary: 'Two lines\nof summary',
      items,
    });
    expect(parseManifest('case.yaml', yaml).findings).toEqual([]);
    await writeFile(join(dir, 'case.yaml'), yaml);
    const check = await checkCase(dir, {});
    // later.png was left without a date: the one error check reports.
    expect(check.findings.filter((f) => f.severity === 'error').map((f) => [f.code, f.file])).toEqual([['ITEM_DATE_MISSING', 'shots/later.png']]);
    const chatExhibits = check.exhibits.filter((e) => e.kind === 'chat');
    expect(chatExhibits.flatMap((e) => (e.kind === 'chat' ? e.messages.map((m) => m.text) : []))).toEqual(['message 6', 'message 7 approved', 'message 8']);
    expect(check.exhibits.find((e) => e.file === 'shots/approval.png')?.note?.value).toBe('Client approves');
  });

  it('asks the date order of an ambiguous chat export', async () => {
    const s = scripted(['mdy', '']);
    const items = await askAboutFiles(s.prompter, [{ file: 'chat.txt', format: 'whatsapp', problems: ['ITEM_DATE_AMBIGUOUS'] }], undefined);
    expect(items).toEqual([{ file: 'chat.txt', dateOrder: 'mdy' }]);
  });

  it('renders every answer into YAML that reads back as the same values, quotes included', async () => {
    const yaml = await renderManifest({
      case: 'dp: "7"',
      profile: 'amex',
      network: 'visa',
      reason: 'fraudulent',
      amount: 5,
      currency: 'gbp',
      due: '2024-04-02T23:59:00-04:00',
      timezone: 'America/New_York',
      client: { name: 'O\'Brien, "Pat"', email: 'pat@example.com', aliases: ['#pat', 'P: B'] },
      merchant: { email: 'help@shop.example' },
      summary: '  starts with spaces\nand: colons',
      items: [{ file: 'a b.png', note: '# not a comment', highlight: [[1, 2, 3, 4]] }],
    });
    const { manifest, findings } = parseManifest('case.yaml', yaml);
    expect(findings).toEqual([]);
    expect(manifest).toMatchObject({
      case: 'dp: "7"',
      profile: 'amex',
      network: 'visa',
      amount: 5,
      currency: 'GBP',
      client: { name: 'O\'Brien, "Pat"', aliases: ['#pat', 'P: B'] },
      merchant: { email: 'help@shop.example' },
      summary: '  starts with spaces\nand: colons',
      items: [{ file: 'a b.png', note: '# not a comment', highlight: [[1, 2, 3, 4]] }],
    });
  });

  it('lists a PDF with its page count and a mailbox with the attachments shown after their messages', async () => {
    const files = await describeCaseFiles(join(FIXTURES, 'cases', 'attachments'), {});
    expect(files.map((f) => f.file)).toEqual(['IMG_0042.HEIC', 'correspondence.mbox']);
    expect(files.find((f) => f.file === 'correspondence.mbox')?.attachments).toEqual(['INV-0042.pdf', 'installed.png']);
    const documents = await describeCaseFiles(join(FIXTURES, 'cases', 'documents'), {});
    expect(documents.find((f) => f.file === 'agreement.pdf')).toMatchObject({
      format: 'pdf',
      document: { pages: 3, shown: 3 },
      date: { iso: '2024-03-04T09:00:00.000Z' },
    });
  });

  it('asks which pages to show of a PDF too long to show whole, and writes them as pages: that check accepts', async () => {
    const dir = join(await tempDir(), 'case');
    await mkdir(dir, { recursive: true });
    await cp(join(FIXTURES, 'cases', 'bad-pdfs', 'server-log.pdf'), join(dir, 'server-log.pdf'));
    const files = await describeCaseFiles(dir, { tz: 'UTC', clientName: 'Jane Doe', clientEmail: 'jane@example.com' });
    expect(files[0]).toMatchObject({ file: 'server-log.pdf', document: { pages: 75, shown: 0 }, problems: ['ITEM_PDF_TOO_MANY_PAGES'] });
    const s = scripted(['80', '2, 74-x', '2, 74-75', 'The log of the download']);
    const items = await askAboutFiles(s.prompter, files, 'UTC');
    expect(s.left).toEqual([]);
    expect(s.rejected).toEqual(['The PDF has pages 1 to 75.', '"74-x" is not a page or a range such as 3-5.']);
    expect(items).toEqual([{ file: 'server-log.pdf', pages: [2, '74-75'], note: 'The log of the download' }]);
    await writeFile(
      join(dir, 'case.yaml'),
      await renderManifest({
        case: 'dp_log',
        profile: 'generic',
        client: { name: 'Jane Doe', email: 'jane@example.com', aliases: [] },
        timezone: 'UTC',
        items,
      }),
    );
    const again = await describeCaseFiles(dir, {});
    expect(again[0]).toMatchObject({ document: { pages: 75, shown: 3 }, problems: [] });
  });

  it('shows both dates of a PDF whose text and metadata disagree, and writes the one chosen as its date:', async () => {
    const files = await describeCaseFiles(join(FIXTURES, 'cases', 'first-night'), { tz: 'Europe/Berlin' });
    const invoice = files.find((f) => f.file === 'invoice.pdf')!;
    expect(invoice.date?.iso.slice(0, 10)).toBe('2026-10-04');
    expect(invoice.dateConflict?.other.source).toMatch(/metadata/);
    expect(invoice.dateConflict?.why).toContain('an invoice, receipt or agreement is dated by what it says');
    expect(files.filter((f) => f.dateConflict).map((f) => f.file)).toEqual(['invoice.pdf']);

    for (const [answer, iso] of [
      ['used', invoice.date!.iso],
      ['other', invoice.dateConflict!.other.iso],
      ['type', '2026-10-06 09:00'],
    ] as const) {
      const s = scripted(answer === 'type' ? [answer, '2026-10-06 09:00', ''] : [answer, '']);
      const items = await askAboutFiles(s.prompter, [invoice], 'Europe/Berlin');
      expect(s.asked[0]).toBe('Which date is right?');
      expect(s.said.join('\n')).toContain(invoice.dateConflict!.other.shown);
      expect(s.said.join('\n')).toContain(invoice.date!.shown);
      expect(items).toEqual([{ file: 'invoice.pdf', date: iso }]);
    }
    // A PDF whose dates agree is asked as before.
    const plain = { ...invoice, dateConflict: undefined };
    const s = scripted(['keep', '']);
    expect(await askAboutFiles(s.prompter, [plain], 'Europe/Berlin')).toEqual([]);
    expect(s.asked[0]).toBe('Date');
  });
});
