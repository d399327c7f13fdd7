import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evidenceOnly, initYes } from '../helpers/edit-case.js';
import { REPO, SAMPLE_CASE } from '../helpers/paths.js';
import { readPdf } from '../helpers/read-pdf.js';
import { hasScript, runInPty } from '../helpers/pty.js';
import { runCli } from '../helpers/run-cli.js';
import { copyCase, tempDir } from '../helpers/temp-case.js';

describe('evidence-packet init', () => {
  it('writes a case.yaml from flags with --yes that check then reads', async () => {
    const dir = await evidenceOnly();
    const r = await runCli([
      'init',
      dir,
      '--yes',
      '--case',
      'dp_42',
      '--client-name',
      'Jane Doe',
      '--client-email',
      'jane.doe@example.com',
      '--reason',
      'product_unacceptable',
      '--amount',
      '499',
      '--tz',
      'Europe/London',
      '--alias',
      'Jane D',
      '--alias',
      '+44 7700 900123',
      '--merchant-name',
      'Acme Themes',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Wrote ${join(dir, 'case.yaml')}. Next: evidence-packet check ${dir}`);
    const yaml = await readFile(join(dir, 'case.yaml'), 'utf8');
    expect(yaml).toContain('case: "dp_42"');
    expect(yaml).toContain('amount: 499.00');
    expect(yaml).toContain('aliases: ["Jane D","+44 7700 900123"]');
    expect(yaml).toContain('# due: 2024-04-02T23:59:00-04:00'); // not given: left as a commented example
    const check = await runCli(['check', dir, '--json']);
    const json = JSON.parse(check.stdout);
    expect(json.case).toMatchObject({ id: 'dp_42', client: { name: { value: 'Jane Doe' } } });
    // live-site.png has its date only in the sample's own case.yaml.
    expect(json.findings.filter((f: { severity: string }) => f.severity === 'error').map((f: { code: string; file: string }) => [f.code, f.file])).toEqual([
      ['ITEM_DATE_MISSING', 'screenshots/live-site.png'],
    ]);
  });

  it('init --template copies the reason’s letter next to case.yaml for editing, and the packet is built from the edited copy', async () => {
    const dir = await evidenceOnly();
    const r = await runCli([
      'init',
      dir,
      '--yes',
      '--template',
      '--client-name',
      'Jane Doe',
      '--client-email',
      'jane.doe@example.com',
      '--reason',
      'product_not_received',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`and ${join(dir, 'letter.md')} (the built-in product_not_received.md letter, to edit)`);
    expect(await readFile(join(dir, 'case.yaml'), 'utf8')).toContain('template: "letter.md"');
    const letter = await readFile(join(dir, 'letter.md'), 'utf8');
    expect(letter).toContain(await readFile(join(REPO, 'templates', 'cover', 'product_not_received.md'), 'utf8'));
    await writeFile(join(dir, 'letter.md'), letter.replace('The cardholder says', 'Our own words: the cardholder says'));
    const check = JSON.parse((await runCli(['check', dir, '--json'])).stdout);
    // The letter is the case's, not evidence.
    expect(check.findings.filter((f: { file?: string; code: string }) => f.file === 'letter.md' && !f.code.startsWith('COVER_'))).toEqual([]);
    // Named by the flag instead, a letter inside the case is not evidence either.
    await writeFile(join(dir, 'other-letter.md'), letter);
    const flagged = JSON.parse((await runCli(['check', dir, '--json', '--template', join(dir, 'other-letter.md')])).stdout);
    expect(flagged.findings.filter((f: { file?: string; code: string }) => f.file === 'other-letter.md' && !f.code.startsWith('COVER_'))).toEqual([]);
    const out = join(dir, 'p.pdf');
    await rm(join(dir, 'screenshots', 'live-site.png')); // its date is only in the sample's own case.yaml
    expect((await runCli(['build', dir, '-o', out])).code).toBe(0);
    const cover = (await readPdf(out)).pages[0]!;
    expect(cover).toContain('Our own words: the cardholder says');
    expect(cover).not.toContain('edit it freely'); // the letter's own comment is not printed
  });

  it('init --template in a case set up already adds only the letter and one line to case.yaml, and never overwrites a letter', async () => {
    const dir = await copyCase(SAMPLE_CASE);
    const before = await readFile(join(dir, 'case.yaml'), 'utf8');
    const r = await runCli(['init', dir, '--template']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('set template: letter.md in');
    expect(await readFile(join(dir, 'case.yaml'), 'utf8')).toBe(`${before}template: letter.md\n`);
    expect(await readFile(join(dir, 'letter.md'), 'utf8')).toContain('{{merchant.name}} contests the chargeback');
    await writeFile(join(dir, 'letter.md'), 'Mine.\n');
    const again = await runCli(['init', dir, '--template']);
    expect(again.stdout).toContain('already uses its own letter (template: letter.md): nothing changed');
    await writeFile(join(dir, 'case.yaml'), before);
    const kept = await runCli(['init', dir, '--template']);
    expect(kept.stdout).toContain('(kept as it was)');
    expect(await readFile(join(dir, 'letter.md'), 'utf8')).toBe('Mine.\n');
    // A case.yaml that does not parse is left as it is, with a usage error, not an internal one.
    await writeFile(join(dir, 'case.yaml'), 'case: [unclosed\n');
    await rm(join(dir, 'letter.md'));
    const broken = await runCli(['init', dir, '--template']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('INIT_MANIFEST_INVALID');
    expect(await readFile(join(dir, 'case.yaml'), 'utf8')).toBe('case: [unclosed\n');
    expect(await readdir(dir)).not.toContain('letter.md');
  });

  it('with --yes keeps the rule’s date of a PDF whose text and metadata dates disagree, and says so', async () => {
    const dir = await evidenceOnly(join(REPO, 'fixtures', 'cases', 'first-night'));
    const r = await initYes(dir, ['--tz', 'Europe/Berlin']);
    expect(r.code, r.stderr).toBe(0);
    const line = r.stdout.split('\n').find((l) => l.startsWith('invoice.pdf: kept'));
    expect(line).toMatch(
      /^invoice\.pdf: kept 2026-10-05 .*page text.*because an invoice, receipt or agreement is dated by what it says.*it also shows 2026-12-.*metadata.*set `date:`/,
    );
    expect(r.stdout.split('\n').filter((l) => l.includes(': kept '))).toHaveLength(1);
    // The rule's choice stands: case.yaml gets no date: for it.
    expect(await readFile(join(dir, 'case.yaml'), 'utf8')).not.toContain('invoice.pdf');
  });

  it('refuses to prompt without a terminal, naming the flags; refuses to replace case.yaml without --force', async () => {
    const dir = await evidenceOnly();
    const noTty = await runCli(['init', dir]);
    expect(noTty.code).toBe(2);
    expect(noTty.stderr).toContain('INIT_NEEDS_TERMINAL');
    expect(noTty.stderr).toContain('--yes --client-name');
    const bad = await runCli(['init', dir, '--yes', '--client-email', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--client-name is required; --client-email: "nope" is not an email address');

    await writeFile(join(dir, 'case.yaml'), 'case: keep-me\n');
    const again = await runCli(['init', dir, '--yes', '--client-name', 'J', '--client-email', 'j@example.com']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('INIT_MANIFEST_EXISTS');
    expect(await readFile(join(dir, 'case.yaml'), 'utf8')).toBe('case: keep-me\n');
    const forced = await runCli(['init', dir, '--yes', '--force', '--client-name', 'J', '--client-email', 'j@example.com']);
    expect(forced.code).toBe(0);
    expect(await readFile(join(dir, 'case.yaml'), 'utf8')).toContain('name: "J"');

    const missing = await runCli(['init', join(dir, 'nope'), '--yes']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('INIT_FOLDER_NOT_FOUND');
  });

  it.skipIf(!hasScript)('drives the real prompts in a terminal: re-asks a bad email, walks the files, writes case.yaml', async () => {
    const dir = await evidenceOnly();
    const tty = runInPty(['init', dir, '--tz', 'Europe/London']);
    await tty.answer(/Dispute id/, '\r');
    await tty.answer(/Payment processor/, '\r');
    await tty.answer(/Card network/, '\r');
    await tty.answer(/Dispute reason/, '\r');
    await tty.answer(/Disputed amount/, '499.00\r');
    await tty.answer(/Currency/, '\r');
    await tty.answer(/Time zone/, '\r');
    await tty.answer(/Response deadline/, '2024-04-02 23:59\r');
    await tty.answer(/Client’s name/, 'Jane Doe\r');
    await tty.answer(/Client’s email/, 'jane.doe@\r');
    await tty.answer(/is not an email address/, 'example.com\r');
    await tty.answer(/Other names/, 'Jane D\r');
    await tty.answer(/business name/, 'Acme Themes\r');
    await tty.answer(/support email/, '\r');
    await tty.answer(/Summary/, 'She approved the theme.\r');
    // Three screenshots and a receipt, in file order; the first one's date is corrected.
    await tty.answer(/\[1\/4\] receipt\.jpg: 2024-03-05 14:15:40/, '');
    await tty.answer(/Date/, '\r');
    await tty.answer(/Note/, 'Invoice INV-0042, paid\r');
    await tty.answer(/\[2\/4\] screenshots\/Screenshot 2024-03-14 at 10\.22\.33\.png/, '');
    await tty.answer(/Date/, '\u001b[B\r'); // arrow down: type the right date
    await tty.answer(/When was it sent/, '2024-03-14 10:25\r');
    await tty.answer(/Note/, 'Client approves\r');
    await tty.answer(/\[3\/4\] screenshots\/Screenshot_20240305-141208\.png/, '');
    await tty.answer(/Date/, '\r');
    await tty.answer(/Note/, '\r');
    await tty.answer(/\[4\/4\] screenshots\/live-site\.png: no date found/, '');
    await tty.answer(/When was it sent/, '2024-03-28 09:00\r');
    await tty.answer(/Note/, '\r');
    const { code, output } = await tty.done();
    expect(code).toBe(0);
    expect(output).toContain('Wrote');
    const check = JSON.parse((await runCli(['check', dir, '--json', '--due', '2099-01-01T00:00:00Z'])).stdout);
    expect(check.summary.errors).toBe(0);
    expect(check.case.client.email.value).toBe('jane.doe@example.com');
    const approval = check.exhibits.find((e: { file: string }) => e.file.includes('10.22.33'));
    expect(approval).toMatchObject({ note: { value: 'Client approves' }, date: { source: 'manifest', utc: '2024-03-14T10:25:00.000Z' } });
  });

  it.skipIf(!hasScript)('Ctrl-C at the first question exits 130 and writes nothing', async () => {
    const dir = await evidenceOnly();
    const before = (await readdir(dir)).sort();
    const tty = runInPty(['init', dir, '--tz', 'Europe/London']);
    await tty.answer(/Dispute id/, '\u0003');
    const { code, output } = await tty.done();
    expect(code).toBe(130);
    expect(output).toContain('INTERRUPTED');
    expect(output).not.toMatch(/internal error|This is a bug/);
    expect((await readdir(dir)).sort()).toEqual(before);
  });

  it('takes the business and the usual profile from the user config, and does not ask for them', async () => {
    const configHome = await tempDir();
    await mkdir(join(configHome, 'evidence-packet'), { recursive: true });
    await writeFile(join(configHome, 'evidence-packet', 'config.yaml'), 'merchant:\n  name: Acme Themes\n  email: support@acme.dev\nprofile: paypal\n');
    const env = { env: { XDG_CONFIG_HOME: configHome } };
    const dir = await evidenceOnly();
    const r = await initYes(dir, ['--tz', 'Europe/London'], env);
    expect(r.code).toBe(0);
    const yaml = await readFile(join(dir, 'case.yaml'), 'utf8');
    expect(yaml).toMatch(/profile: "?paypal"?/);
    expect(yaml).toContain('Acme Themes');
    expect(yaml).toContain('support@acme.dev');
    // check and build take the config's profile when case.yaml has none; case.yaml wins.
    await writeFile(join(dir, 'case.yaml'), yaml.replace(/^profile:.*$/m, ''));
    expect(JSON.parse((await runCli(['check', dir, '--json', '--no-ocr'], env)).stdout).case.profile).toBe('paypal');
    if (!hasScript) return;
    const fresh = await evidenceOnly();
    const tty = runInPty(['init', fresh, '--tz', 'Europe/London'], { configHome });
    await tty.answer(/Dispute id/, '\r');
    await tty.answer(/Payment processor/, '\r');
    await tty.answer(/Dispute reason/, '\r');
    await tty.answer(/Disputed amount/, '\r');
    await tty.answer(/Time zone/, '\r');
    await tty.answer(/Response deadline/, '\r');
    await tty.answer(/Client’s name/, 'Jane Doe\r');
    await tty.answer(/Client’s email/, 'jane.doe@example.com\r');
    await tty.answer(/Other names/, '\r');
    await tty.answer(/Your business: Acme Themes <support@acme.dev> \(from .*config\.yaml\)/, '');
    await tty.answer(/Summary/, '\u0003');
    const { code, output } = await tty.done();
    expect(code).toBe(130);
    expect(output).not.toContain('Your business name');
  });
});
