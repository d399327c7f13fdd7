import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/paths.js';
import { readPdf } from '../helpers/read-pdf.js';
import { runCli } from '../helpers/run-cli.js';
import { copyCase, tempDir } from '../helpers/temp-case.js';

const CASE = join(FIXTURES, 'cases', 'outlook-mail');
const DAMAGED = join(FIXTURES, 'chats', 'email', 'damaged');

describe('Outlook .msg, winmail.dat and Apple Mail .emlx in a packet', () => {
  it('builds one packet with every message in time order, their attachments after them, no card number', async () => {
    const dir = await copyCase(CASE);
    const before = await readFile(join(dir, 'approval.msg'));
    const out = join(await tempDir(), 'packet.pdf');
    const built = await runCli(['build', dir, '-o', out, '--no-ocr']);
    expect(built.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(built.code).toBe(0);
    const text = (await readPdf(out)).pages.join('\n');
    const sentinels = [
      'SENTINEL-M1',
      'SENTINEL-M2',
      'SENTINEL-M3',
      'SENTINEL-M4',
      'SENTINEL-M5',
      'SENTINEL-T1',
      'SENTINEL-T2',
      'SENTINEL-E1',
      'SENTINEL-E2',
      'SENTINEL-E4',
    ];
    const at = sentinels.map((s) => text.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text).toContain('café €49');
    expect(text).toMatch(/Attachment: installed\.png \(shown as Exhibit \d+\)/);
    expect(text).toMatch(/Attachment: invoice-INV-0042\.pdf \(shown as Exhibit \d+\)/);
    expect(text).toMatch(/Attachment: delivered\.png \(shown as Exhibit \d+\)/);
    expect(text).toMatch(/Attachment: receipt\.png \(shown as Exhibit \d+\)/);
    // The attached invoice is copied in as it is.
    expect(text).toContain('Total paid: USD 499.00');
    expect(text).toMatch(/Mail\/INBOX\.mbox\/receipt\.png — [\d,]+ bytes · attachment of message <receipt-1@seller\.example>/);
    expect(text).not.toContain('4111 1111 1111 1111');
    expect(text).not.toMatch(/\\rtf1|htmltag/);
    expect(await readFile(join(dir, 'approval.msg'))).toEqual(before);
  });

  it('lists the formats', async () => {
    const listed = await runCli(['formats', '--json']);
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as { id: string }[]).map((f) => f.id)).toEqual(expect.arrayContaining(['outlook-msg', 'tnef', 'emlx']));
  });

  it('checks damaged samples: each named with its finding, no stack trace, exit 1 for the unreadable one', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'case.yaml'), 'case: damaged\ntimezone: Europe/London\nclient: { name: Dana Client, email: dana@example.com }\n');
    for (const name of ['cut.msg', 'cut-winmail.dat', 'cut-tnef.eml', 'cut.emlx', '1202.partial.emlx']) await cp(join(DAMAGED, name), join(dir, name));
    const checked = await runCli(['check', dir, '--json']);
    expect(checked.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(checked.code).toBe(1);
    const findings = (JSON.parse(checked.stdout) as { findings: { code: string; file?: string }[] }).findings;
    const byFile = (file: string) => findings.filter((f) => f.file === file).map((f) => f.code);
    expect(byFile('cut.msg')).toContain('ITEM_UNREADABLE');
    for (const file of ['cut-winmail.dat', 'cut-tnef.eml', 'cut.emlx', '1202.partial.emlx']) expect(byFile(file)).toContain('ITEM_DAMAGED');
  });
});
