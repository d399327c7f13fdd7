import { spawnSync } from 'node:child_process';
import { cp, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error the fixture generator is plain JavaScript
import { PANS, writeBadCase } from '../../scripts/make-bad-fixtures.mjs';
import { expectNothingWritten, findings, hashes, pdfBytesText } from '../helpers/hostile.js';
import { FIXTURES } from '../helpers/paths.js';
import { readPdf } from '../helpers/read-pdf.js';
import { runCli, type CliResult } from '../helpers/run-cli.js';
import { shareRuns } from '../helpers/share-runs.js';
import { tempDir } from '../helpers/temp-case.js';

const BAD = join(FIXTURES, 'bad');

/** A copy of a committed bad case (so nothing a run might write lands in the repository). */
async function badCase(name: string): Promise<string> {
  const dir = join(await tempDir('ep-bad-'), name);
  await cp(join(BAD, name), dir, { recursive: true });
  return dir;
}

/** check --json and build, each run on the case; what they printed and wrote (under `work` when given). */
async function runBoth(
  dir: string,
  extra: string[] = ['--no-ocr'],
  work?: string,
): Promise<{ check: CliResult; build: CliResult; out: string; written: string[] }> {
  const before = await hashes(dir);
  const out = join(work ?? (await tempDir('ep-bad-out-')), 'missing', 'folder');
  const check = await runCli(['check', dir, '--json', ...extra]);
  const build = await runCli([
    'build',
    dir,
    '-o',
    join(out, 'packet.pdf'),
    '--report',
    join(out, 'report.json'),
    '--stripe-evidence',
    join(out, 'stripe.json'),
    ...extra,
  ]);
  // The evidence is read, never changed.
  expect(await hashes(dir)).toEqual(before);
  const written = await readdir(out).catch(() => [] as string[]);
  for (const result of [check, build]) {
    expect(result.stdout + result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+|internal error|This is a bug/);
  }
  return { check, build, out, written };
}

/** Each test card number as it might be written: any separator, or none, between its digits. */
const PAN_PATTERNS = PANS.map((pan: string) => new RegExp(pan.split('').join('[\\s.\\-]?')));

function expectNoPan(text: string, where: string): void {
  for (const pattern of PAN_PATTERNS) expect(pattern.test(text), `${where} holds a card number (${pattern})`).toBe(false);
}

/**
 * The damaged-file cases have the same case.yaml and no file name in common: read as ONE case,
 * each test checks the finding on its own file, so one check and one build serve them all.
 */
const DAMAGED = [
  ['bad-crc-png', 'Screenshot_20240314-102200.png'],
  ['broken-mime', 'files.eml'],
  ['nested-telegram', 'result.json'],
] as const;
const damaged = shareRuns(async (_, work) => {
  const dir = join(work, 'damaged');
  for (const [name] of DAMAGED) await cp(join(BAD, name), dir, { recursive: true, filter: (from) => !from.endsWith('case.yaml') });
  await cp(join(BAD, DAMAGED[0][0], 'case.yaml'), join(dir, 'case.yaml'));
  return runBoth(dir, ['--no-ocr'], work);
});

describe('hostile input (fixtures/bad, written by scripts/make-bad-fixtures.mjs)', () => {
  it('card numbers leave the tool nowhere: PDF text, its streams, stdout, stderr, every JSON', async () => {
    const dir = await badCase('card-numbers');
    const { check, build, out, written } = await runBoth(dir, []);
    expect(check.code).toBe(0);
    expect(build.code, build.stderr).toBe(0);
    expect(written.sort()).toEqual(['packet.pdf', 'report.json', 'stripe.json']);
    const codes = findings(check);
    expect(codes.filter((f) => f.code === 'SENSITIVE_CARD_NUMBER').length).toBeGreaterThanOrEqual(6);
    // The card number OCR read in a screenshot is blacked out in its pixels.
    expect(codes).toContainEqual(expect.objectContaining({ code: 'ITEM_CARD_REDACTED', file: 'Screenshot_20240314-102400.png' }));
    // A PDF whose text layer holds one is shown as a picture, the number blacked out.
    expect(codes).toContainEqual(expect.objectContaining({ code: 'ITEM_PDF_CARD_REDACTED', file: 'invoice.pdf' }));
    const pdf = join(out, 'packet.pdf');
    const text = (await readPdf(pdf)).pages.join('\n');
    expect(text).toContain('[card ending 5556]');
    expectNoPan(text, 'the PDF text (pdf.js)');
    const poppler = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    if (!poppler.error) expectNoPan(poppler.stdout, 'pdftotext');
    expectNoPan(await pdfBytesText(pdf), 'the PDF bytes and streams');
    for (const result of [check, build]) {
      expectNoPan(result.stdout, 'stdout');
      expectNoPan(result.stderr, 'stderr');
    }
    for (const json of ['report.json', 'stripe.json']) expectNoPan(await readFile(join(out, json), 'utf8'), json);
    const human = await runCli(['check', dir]);
    expectNoPan(human.stdout + human.stderr, 'check');
    expect(human.stdout + human.stderr).toContain('receipt-[card ending 4444].png');
  });

  it('a zip bomb stops at once with ITEM_TOO_LARGE, and builds nothing', async () => {
    const dir = await badCase('zip-bomb');
    const { check, build, out } = await runBoth(dir);
    expect(check.code).toBe(1);
    expect(findings(check)).toContainEqual(expect.objectContaining({ code: 'ITEM_TOO_LARGE', file: 'WhatsApp Chat with Dana Client.zip' }));
    expect(build.code).toBe(1);
    await expectNothingWritten(out);
  });

  it('a 5 MB line is read in linear time', async () => {
    const dir = await badCase('long-line');
    const { check, build } = await runBoth(dir);
    expect(check.code).toBe(0);
    expect(build.code).toBe(0);
  });

  it('a catastrophic select.match runs in linear time; one RE2 cannot run is said, and matched as text', async () => {
    const dir = await badCase('regex-redos');
    const { check, build } = await runBoth(dir);
    expect(check.code).toBe(0);
    expect(build.code).toBe(0);
    expect(findings(check)).toContainEqual(expect.objectContaining({ code: 'MANIFEST_PATTERN_UNSUPPORTED', file: 'case.yaml' }));
  });

  it('a YAML alias bomb is a manifest error naming case.yaml (exit 2), not an internal error', async () => {
    const dir = await badCase('yaml-alias-bomb');
    const { check, build, out } = await runBoth(dir);
    expect(check.code).toBe(2);
    expect(findings(check)).toContainEqual(expect.objectContaining({ code: 'MANIFEST_SYNTAX', file: 'case.yaml' }));
    expect(build.code).toBe(2);
    await expectNothingWritten(out);
  });

  it('a 10 MB note is cut, with a finding naming it', async () => {
    const dir = await badCase('huge-note');
    const { check, build, out } = await runBoth(dir);
    expect(check.code).toBe(0);
    expect(findings(check)).toContainEqual(expect.objectContaining({ code: 'MANIFEST_TEXT_TOO_LONG', file: 'Screenshot_20240314-102200.png.note.txt' }));
    expect(build.code).toBe(0);
    expect((await stat(join(out, 'packet.pdf'))).size).toBeLessThan(2_000_000);
  });

  it('a zip’s symbolic link is skipped with a finding, and no byte past an entry is read', async () => {
    const dir = await badCase('zip-symlink');
    const { check, build, out } = await runBoth(dir);
    expect(check.code).toBe(0);
    expect(findings(check)).toContainEqual(expect.objectContaining({ code: 'ITEM_ZIP_ENTRY_SKIPPED', file: 'WhatsApp Chat with Dana Client.zip' }));
    expect(build.code).toBe(0);
    const text = (await readPdf(join(out, 'packet.pdf'))).pages.join('\n');
    expect(text).toContain('the files arrived');
    expect(text).not.toContain('/etc/passwd');
    expect(text).not.toContain('SYMLINK-NEIGHBOUR-TEXT');
  });

  it.each(DAMAGED)('%s: the damage is a warning naming the file', async (_, file) => {
    const { check, build } = await damaged('');
    expect(check.code).toBe(0);
    expect(findings(check)).toContainEqual(expect.objectContaining({ code: 'ITEM_DAMAGED', severity: 'warning', file }));
    expect(build.code).toBe(0);
  });

  it('control characters in a file name reach the terminal escaped', async () => {
    const dir = join(await tempDir('ep-bad-'), 'control-chars');
    await writeBadCase('control-chars', dir);
    const { check, build } = await runBoth(dir);
    const human = await runCli(['check', dir, '--no-ocr']);
    for (const output of [human.stdout, human.stderr, build.stdout, build.stderr]) {
      expect(output).not.toMatch(/[\u0007]|\u001b\[2J/);
    }
    expect(human.stdout + human.stderr).toContain('evil\\x1b[2J\\x07name.png');
    expect(check.code).toBeLessThanOrEqual(1);
  });
});
