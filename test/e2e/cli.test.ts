import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { FIXTURES, SAMPLE_CASE } from '../helpers/paths.js';
import { readPdf } from '../helpers/read-pdf.js';
import { runCli } from '../helpers/run-cli.js';
import { shareRuns } from '../helpers/share-runs.js';
import { copyCase, makePng, oneShotCase, tempDir } from '../helpers/temp-case.js';

const sha = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('evidence-packet check', () => {
  it('passes the sample case and lists the exhibits with their date sources', async () => {
    const r = await runCli(['check', SAMPLE_CASE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('case dp_1234 · 4 exhibit(s) · 7 pages · profile stripe');
    expect(r.stdout).toContain('2024-03-05 14:15:40 UTC+00:00  receipt.jpg  from EXIF (offset in the source)');
    expect(r.stdout).toContain('OCR: shows name, email, date; text prints at about 8.5 pt');
    // The live site's capture does not show the client, but its note says whom it is about: no warning.
    expect(r.stdout).not.toContain('ITEM_CLIENT_NOT_VISIBLE');
    expect(r.stdout).toContain('0 errors, 0 warnings — ready to build');
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('prints JSON only with --json', async () => {
    const r = await runCli(['check', SAMPLE_CASE, '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ ok: true, exitCode: 0, case: { id: 'dp_1234', profile: 'stripe' }, predictedPages: 7, summary: { errors: 0, warnings: 0 } });
    expect(json.exhibits.map((e: { number: number; date: { source: string } }) => [e.number, e.date.source])).toEqual([
      [1, 'filename'],
      [2, 'exif'],
      [3, 'filename'],
      [4, 'manifest'],
    ]);
    expect(json.case.client).toEqual({ name: { value: 'Jane Doe', source: 'case.yaml' }, email: { value: 'jane.doe@example.com', source: 'case.yaml' } });
  });

  it('exits 1 with each broken input named, and no stack trace', async () => {
    const r = await runCli(['check', join(FIXTURES, 'cases', 'broken-inputs')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('error ITEM_UNREADABLE  empty.png');
    expect(r.stdout).toContain('error ITEM_UNREADABLE  notes.png');
    expect(r.stdout).toContain('named .png but its content is text');
    expect(r.stdout).toContain('error ITEM_IMAGE_TOO_LARGE  huge-30000x30000.png');
    expect(r.stdout).toContain('30000 × 30000 pixels');
    expect(r.stdout).toContain('error ITEM_UNREADABLE  Screenshot_20240301-120500-truncated.png');
    noStackTrace(r.stdout + r.stderr);
    const json = JSON.parse((await runCli(['check', join(FIXTURES, 'cases', 'broken-inputs'), '--json'])).stdout);
    expect(
      json.findings
        .filter((f: { severity: string }) => f.severity === 'error')
        .map((f: { code: string }) => f.code)
        .sort(),
    ).toEqual(['ITEM_IMAGE_TOO_LARGE', 'ITEM_UNREADABLE', 'ITEM_UNREADABLE', 'ITEM_UNREADABLE']);
    expect(json.findings[0]).toHaveProperty('hint');
  });

  it('exits 2 on a bad manifest and names the file, line and key path', async () => {
    const dir = await copyCase(SAMPLE_CASE);
    const yaml = await readFile(join(dir, 'case.yaml'), 'utf8');
    await writeFile(join(dir, 'case.yaml'), yaml.replace('  email: jane.doe@example.com', '  email: jane.doe@example.com\n  phone: 123'));
    const r = await runCli(['check', dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('error MANIFEST_UNKNOWN_KEY  case.yaml:14 (client.phone)');
    expect(r.stdout).toContain('unknown key "phone"');
  });

  it('treats warnings as failures with --strict', async () => {
    const dir = await copyCase(SAMPLE_CASE);
    await writeFile(join(dir, 'notes.txt'), 'my notes');
    expect((await runCli(['check', dir])).code).toBe(0);
    const strict = await runCli(['check', dir, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('warning ITEM_UNSUPPORTED  notes.txt');
  });

  it('says "no case here" once in a folder with no case.yaml and no evidence, and skips node_modules and what .evidenceignore names', async () => {
    const empty = await tempDir();
    const none = await runCli(['check', empty]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('error CASE_NOT_A_CASE: no case here');
    expect(none.stderr).toContain('evidence-packet init');
    expect(none.stdout).toBe('');
    const dir = await copyCase(SAMPLE_CASE);
    await mkdir(join(dir, 'node_modules', 'pkg'), { recursive: true });
    await writeFile(join(dir, 'node_modules', 'pkg', 'logo.png'), await makePng(60, 60));
    await mkdir(join(dir, 'drafts'), { recursive: true });
    await writeFile(join(dir, 'drafts', 'Screenshot_20240314-102299.png'), await makePng(60, 60));
    await writeFile(join(dir, 'scratch.tmp'), 'x');
    await writeFile(join(dir, '.evidenceignore'), '# not evidence\ndrafts/\n*.tmp\n');
    const json = JSON.parse((await runCli(['check', dir, '--json', '--no-ocr'])).stdout);
    expect(json.findings).toContainEqual(expect.objectContaining({ code: 'CASE_FOLDER_SKIPPED', file: 'node_modules/' }));
    // Only the sample's four exhibits, and no finding about a skipped file.
    expect(json.exhibits.map((e: { file: string }) => e.file).sort()).toEqual([
      'receipt.jpg',
      'screenshots/Screenshot 2024-03-14 at 10.22.33.png',
      'screenshots/Screenshot_20240305-141208.png',
      'screenshots/live-site.png',
    ]);
    expect(JSON.stringify(json.findings)).not.toMatch(/logo\.png|drafts\/|scratch\.tmp/);
  });

  it('keeps every valid part of a case.yaml with typos, reports each with its line, and suggests the nearest key or value', async () => {
    const dir = await copyCase(SAMPLE_CASE);
    const yaml = (await readFile(join(dir, 'case.yaml'), 'utf8'))
      .replace('  email: jane.doe@example.com', '  emial: jane.doe@example.com')
      .replace('timezone: Europe/London', 'timezone: Europe/Londn')
      .replace('reason: product_unacceptable', 'reason: product_unaceptable');
    await writeFile(join(dir, 'case.yaml'), yaml);
    const r = await runCli(['check', dir, '--json', '--no-ocr']);
    expect(r.code).toBe(2);
    const json = JSON.parse(r.stdout);
    const byCode = (code: string) => json.findings.filter((f: { code: string }) => f.code === code);
    expect(byCode('MANIFEST_UNKNOWN_KEY')).toEqual([
      expect.objectContaining({ line: 13, path: 'client.emial', message: expect.stringContaining('Did you mean "email"?') }),
    ]);
    expect(byCode('MANIFEST_TIMEZONE_INVALID')[0].message).toContain('Did you mean "Europe/London"?');
    expect(byCode('MANIFEST_INVALID_VALUE')[0].message).toContain('Did you mean "product_unacceptable"?');
    // The rest is kept: the profile, the client's name, the dates written in case.yaml.
    expect(json.case.profile).toBe('stripe');
    expect(json.case.client.name.value).toBe('Jane Doe');
    const live = json.exhibits.find((e: { file: string }) => e.file === 'screenshots/live-site.png');
    expect(live.date).toMatchObject({ source: 'manifest', utc: '2024-03-28T09:00:00.000Z' });
    expect(byCode('ITEM_DATE_MISSING')).toEqual([]);
    // Flag values too.
    const flag = await runCli(['check', dir, '--profile', 'strip']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('unknown profile "strip". Did you mean "stripe"?');
    expect((await runCli(['check', dir, '--tz', 'Europe/Londn'])).stderr).toContain('Did you mean "Europe/London"?');
  });

  it('exits 3 for a missing folder and 2 for usage errors', async () => {
    const missing = await runCli(['check', '/nonexistent/case-folder']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('error CASE_FOLDER_NOT_FOUND: case folder not found: /nonexistent/case-folder');
    noStackTrace(missing.stderr);
    expect((await runCli(['check', SAMPLE_CASE, '--bogus'])).code).toBe(2);
    const profile = await runCli(['check', SAMPLE_CASE, '--profile', 'stirpe']);
    expect(profile.code).toBe(2);
    expect(profile.stderr).toContain('Use one of: stripe, paypal');
    expect((await runCli(['check', SAMPLE_CASE, '--max-size', 'huge'])).code).toBe(2);
    const json = await runCli(['check', '/nonexistent/case-folder', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'CASE_FOLDER_NOT_FOUND', exitCode: 3 } });
    // A flag commander rejects, under --json, is JSON on stdout too, and nothing on stderr.
    const bogus = await runCli(['build', SAMPLE_CASE, '--bogus', '--json']);
    expect(bogus.code).toBe(2);
    expect(JSON.parse(bogus.stdout)).toMatchObject({ ok: false, error: { code: 'USAGE_BAD_ARGUMENTS', message: "unknown option '--bogus'", exitCode: 2 } });
    expect(bogus.stderr).toBe('');
  });
});

/**
 * The sample case built as a user builds it, undated (so dated when built), its inputs hashed
 * before: read by the tests about what it shows and when it is dated.
 */
const plainBuild = shareRuns(async (_, work) => {
  const dir = join(work, 'case');
  await cp(SAMPLE_CASE, dir, { recursive: true });
  const before = await Promise.all(
    (await readdir(dir, { recursive: true })).map(async (f) => [f, (await stat(join(dir, f))).isFile() ? await sha(join(dir, f)) : ''] as const),
  );
  const out = join(work, 'packet.pdf');
  const reportPath = join(dir, 'report.json');
  const startedAt = new Date();
  const r = await runCli(['build', dir, '-o', out, '--report', reportPath]);
  return { dir, before, out, reportPath, r, startedAt, endedAt: new Date() };
});

/**
 * The sample case built twice with SOURCE_DATE_EPOCH into its own folder: the second build must
 * pass over the first one's packet there, and give the same bytes.
 */
const datedTwice = shareRuns(async (_, work) => {
  const dir = join(work, 'case');
  await cp(SAMPLE_CASE, dir, { recursive: true });
  const out = join(dir, 'packet.pdf');
  const epoch = { env: { SOURCE_DATE_EPOCH: '1712000000' } };
  const first = await runCli(['build', dir, '-o', out], epoch);
  const firstSha = first.code === 0 ? await sha(out) : '';
  const again = await runCli(['build', dir, '-o', out], epoch);
  return { out, first, firstSha, again, againSha: again.code === 0 ? await sha(out) : '' };
});

describe('evidence-packet build', () => {
  it('writes a packet whose every exhibit page shows the date, client name and email', async () => {
    const { dir, before, out, reportPath, r } = await plainBuild('sample');
    expect(r.code).toBe(0);
    // The result on stdout; stderr has the progress lines of a pipe, and no warning: nothing is wrong in the sample.
    expect(r.stdout).toMatch(/^Wrote .*packet\.pdf: 4 exhibit\(s\), 7 pages, [\d.]+ KB \(limit 4\.50 MB\)\n#\s+date\s+file\s+page\s+in the packet\n/);
    // The summary table: a row per exhibit, with its page and how it went in.
    expect(r.stdout).toMatch(/\n2\s+2024-03-05 14:15\s+receipt\.jpg\s+4\s+JPEG q\d+, 200 dpi, [\d.]+ KB\n/);
    expect(r.stdout).toContain('\nReport: ');
    expect(r.stderr).not.toContain('Wrote');
    expect(r.stderr).not.toMatch(/^warning [A-Z_]+/m);
    expect(r.stderr).toMatch(/^rendering \d+\/7/m);

    const pdf = await readPdf(out);
    expect(pdf.pageCount).toBe(7);
    expect(pdf.pages[0]).toContain('Chargeback evidence — case dp_1234');
    expect(pdf.pages[0]).toContain('USD 499.00');
    expect(pdf.pages[1]).toContain('Index of exhibits');
    const report = JSON.parse(await readFile(reportPath, 'utf8'));
    for (const exhibit of report.exhibits) {
      const page = pdf.pages[exhibit.pages.start - 1]!;
      expect(page).toContain(`Exhibit ${exhibit.number} of 4`);
      expect(page).toContain(exhibit.date.shown);
      expect(page).toContain('Jane Doe');
      expect(page).toContain('jane.doe@example.com');
      expect(page).toContain(`page ${exhibit.pages.start} of 7`);
      expect(page).toContain('Case dp_1234');
    }
    expect(pdf.pages[6]).toContain('Appendix');
    for (const source of report.sources) expect(pdf.pages[6]).toContain(source.sha256);
    expect(pdf.info.Title).toBe('Chargeback evidence — case dp_1234');
    // Bookmarks read as the case's time line: number, date, note.
    expect(pdf.outline).toEqual([
      'Cover',
      'Index of exhibits',
      'Exhibit 1 · 2024-03-05 14:12 · Client orders the customised theme and agrees to the price and the scope',
      'Exhibit 2 · 2024-03-05 14:15 · Invoice INV-0042, paid in full by the client',
      'Exhibit 3 · 2024-03-14 10:22 · Client confirms the delivered theme works and approves it',
      "Exhibit 4 · 2024-03-28 09:00 · The client's site still runs the theme after the chargeback was filed",
      'Appendix',
    ]);

    // The report's hashes are the files' own, and the inputs were not touched.
    for (const source of report.sources) expect(source.sha256).toBe(await sha(join(dir, source.file)));
    for (const [file, hash] of before) if (hash) expect(await sha(join(dir, file))).toBe(hash);
    expect(report.output.sha256).toBe(await sha(out));
    expect(report.exhibits[1]).toMatchObject({ file: 'receipt.jpg', embedded: { encoding: 'jpeg' } });
    expect(
      report.exhibits.every((e: { embedded: { dpi: number; encoding: string } }) => e.embedded!.dpi <= (e.embedded!.encoding === 'jpeg' ? 200 : 300)),
    ).toBe(true);
  });

  it('is dated when it is built, never by an exhibit, and byte-identical across builds with SOURCE_DATE_EPOCH', async () => {
    const dated = await datedTwice('sample');
    expect([dated.first.code, dated.again.code]).toEqual([0, 0]);
    expect(dated.againSha).toBe(dated.firstSha);
    expect((await readPdf(dated.out)).info.CreationDate).toContain('20240401');
    // Without it, the true preparation date: today, not the latest exhibit's 2024-03-28.
    const plain = await plainBuild('sample');
    expect(plain.r.code).toBe(0);
    const today = (d: Date) => d.toISOString().slice(0, 10);
    const pdf = await readPdf(plain.out);
    expect([today(plain.startedAt), today(plain.endedAt)].map((d) => d.replace(/-/g, ''))).toContain(String(pdf.info.CreationDate).slice(2, 10));
    expect(pdf.pages[0]).toMatch(new RegExp(`Prepared (${today(plain.startedAt)}|${today(plain.endedAt)})`));
    expect(pdf.pages[0]).not.toContain('Prepared 2024-03-28');
  });

  it('ignores its own output inside the case folder on the next build', async () => {
    const dated = await datedTwice('sample');
    expect(dated.first.code).toBe(0);
    expect(dated.again.code).toBe(0);
    expect(dated.again.stdout).not.toContain('ITEM_UNSUPPORTED');
    expect(dated.againSha).toBe(dated.firstSha);
  });

  it('refuses to overwrite packet.pdf when -o is not given, unless --force; -v prints the version', async () => {
    const cwd = await tempDir();
    const small = await oneShotCase();
    const first = await runCli(['build', small, '--no-ocr'], { cwd });
    expect(first.code).toBe(0);
    const written = await sha(join(cwd, 'packet.pdf'));
    const again = await runCli(['build', small, '--no-ocr'], { cwd });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('error USAGE_OUTPUT_EXISTS: packet.pdf already exists here: not overwritten');
    expect(again.stderr).toContain('--force');
    expect(await sha(join(cwd, 'packet.pdf'))).toBe(written);
    expect((await runCli(['build', small, '--no-ocr', '--force'], { cwd })).code).toBe(0);
    expect((await runCli(['build', small, '--no-ocr', '-o', join(cwd, 'packet.pdf')], { cwd })).code).toBe(0);
    for (const flag of ['-v', '-V', '--version']) expect((await runCli([flag])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('--open opens the written packet in the viewer the user config names; a viewer that cannot start is a warning, not a failure', async () => {
    const dir = await oneShotCase();
    const configHome = await tempDir();
    await mkdir(join(configHome, 'evidence-packet'));
    const seen = join(configHome, 'opened.txt');
    const viewer = join(configHome, 'viewer.sh');
    await writeFile(viewer, `#!/bin/sh\nprintf '%s\\n' "$@" > '${seen}'\n`, { mode: 0o755 });
    await writeFile(join(configHome, 'evidence-packet', 'config.yaml'), `viewer: ${viewer}\n`);
    const out = join(dir, 'p.pdf');
    const r = await runCli(['build', dir, '-o', out, '--open'], { env: { XDG_CONFIG_HOME: configHome } });
    expect(r.code).toBe(0);
    // The viewer runs on its own, detached: wait (as long as it takes, no time limit) for it to have written the file's name.
    while (!(await readFile(seen, 'utf8').catch(() => '')).endsWith('\n')) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await readFile(seen, 'utf8')).toBe(`${out}\n`);
    await writeFile(join(configHome, 'evidence-packet', 'config.yaml'), `viewer: ${join(configHome, 'no-such-viewer')}\n`);
    const missing = await runCli(['build', dir, '-o', out, '--open'], { env: { XDG_CONFIG_HOME: configHome } });
    expect(missing.code).toBe(0);
    expect(missing.stderr).toContain(`warning could not open ${out}`);
    expect(missing.stderr).toContain('the packet is written; open it yourself, or fix viewer: in the user config');
  });

  it('builds a folder without case.yaml from flags, on A4', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'Screenshot_20240314-102233.png'), await makePng(600, 300, 'Approved!'));
    await writeFile(join(dir, 'Screenshot 2024-03-12 at 09.00.00.png'), await makePng(600, 300, 'Is it ready?'));
    const out = join(dir, 'out.pdf');
    const r = await runCli([
      'build',
      dir,
      '--client-name',
      'Jane Doe',
      '--client-email',
      'jane@x.com',
      '--case',
      'dp_77',
      '--tz',
      'Europe/Paris',
      '--paper',
      'a4',
      '-o',
      out,
    ]);
    expect(r.code).toBe(0);
    const pdf = await readPdf(out);
    // Cover and index on one page; the two small captures (already 1:1 upright, so not
    // turned) one above the other on the next, in time order; the appendix.
    expect(pdf.pageCount).toBe(3);
    expect(pdf.pages[1]).toContain('Exhibits 1–2');
    expect(pdf.pages[1]).toContain('2024-03-12 09:00:00 UTC+01:00');
    expect(pdf.pages[1]).toContain('2024-03-14 10:22:33 UTC+01:00');
    expect(pdf.pages[1]!.indexOf('2024-03-12 09:00:00')).toBeLessThan(pdf.pages[1]!.indexOf('2024-03-14 10:22:33'));
    expect(pdf.pages[1]).toContain('Jane Doe <jane@x.com>');
    const doc = await PDFDocument.load(await readFile(out));
    const upright = { width: 595.28, height: 841.89 };
    expect(doc.getPages().map((p) => p.getSize())).toEqual(Array(3).fill(upright));
  });

  it('writes nothing and exits 1 when the check finds errors', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'Screenshot_20240314-102233.png'), await makePng(100, 50));
    const out = join(dir, 'out.pdf');
    const r = await runCli(['build', dir, '-o', out]);
    expect(r.code).toBe(1);
    // Diagnostics go to stderr, all of them: with stdout redirected the user still sees why.
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('CASE_CLIENT_NAME_MISSING');
    expect(r.stderr).toContain('--client-name');
    expect(r.stderr).toContain('No packet written');
    await expect(stat(out)).rejects.toThrow();
  });

  it('exits 4 naming the largest exhibits when even the legibility floor is over --max-size', async () => {
    const dir = await copyCase(SAMPLE_CASE);
    const out = join(dir, 'out.pdf');
    const r = await runCli(['build', dir, '-o', out, '--max-size', '60KB']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/error BUDGET_SIZE: the packet cannot fit 60\.0 KB \(stripe\) without going below the legibility floor \(150 dpi\)/);
    expect(r.stderr).toMatch(/Largest exhibits: \d /);
    expect(r.stderr).toMatch(/Leaving out exhibits? [\d, ]+ would fit\./);
    expect(r.stderr).toContain('Crop those exhibits');
    await expect(stat(out)).rejects.toThrow();
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('exits 4 when the packet needs more pages than the profile takes', async () => {
    const r = await runCli(['build', SAMPLE_CASE, '-o', join(await tempDir(), 'x.pdf'), '--max-pages', '3']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('error BUDGET_PAGES: the packet needs 5 pages, laid out as tightly as it can be; stripe accepts at most 3');
  });

  it('exits 3 when the output cannot be written, leaving no temp file', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'blocker'), 'a file where a folder should be');
    const r = await runCli(['build', await oneShotCase(), '-o', join(dir, 'blocker', 'packet.pdf')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('error OUTPUT_NOT_WRITTEN');
    noStackTrace(r.stderr);
  });

  it('builds the good exhibits of a case only when its broken files are removed', async () => {
    const dir = await copyCase(join(FIXTURES, 'cases', 'broken-inputs'));
    const out = join(dir, 'out.pdf');
    expect((await runCli(['build', dir, '-o', out])).code).toBe(1);
    for (const f of ['empty.png', 'notes.png', 'huge-30000x30000.png', 'Screenshot_20240301-120500-truncated.png']) await rm(join(dir, f));
    expect((await runCli(['build', dir, '-o', out])).code).toBe(0);
    // The cover and the index share a page, then the one exhibit and the appendix.
    expect((await readPdf(out)).pageCount).toBe(3);
  });
});

describe('evidence-packet profiles and formats', () => {
  it('lists the profiles with their limits, as text and JSON', async () => {
    const text = await runCli(['profiles']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/stripe\s+4\.50 MB\s+49, 19 \(mastercard\)/);
    const json = JSON.parse((await runCli(['profiles', '--json'])).stdout);
    expect(json.find((p: { name: string }) => p.name === 'amex-optblue')).toMatchObject({ maxBytes: 1_000_000, blackAndWhite: true });
  });

  it('prints shell completion that bash runs: commands, flags and profile names', async () => {
    const script = await runCli(['completion', 'bash']);
    expect(script.code).toBe(0);
    const dir = await tempDir();
    await writeFile(join(dir, 'ep.bash'), script.stdout);
    const ask = (words: string[]) => {
      const line = `source ${join(dir, 'ep.bash')}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _evidence_packet; echo "\${COMPREPLY[@]}"`;
      return spawnSync('bash', ['-c', line], { encoding: 'utf8' }).stdout.trim();
    };
    expect(ask(['evidence-packet', 'bu'])).toBe('build');
    expect(ask(['evidence-packet', 'build', '--stripe'])).toBe('--stripe-evidence');
    expect(ask(['evidence-packet', 'check', '--profile', 'strip'])).toBe('stripe');
    for (const shell of ['zsh', 'fish']) {
      const other = await runCli(['completion', shell]);
      expect(other.code).toBe(0);
      expect(other.stdout).toContain('evidence-packet');
      expect(other.stdout).toContain('stripe-evidence');
    }
    expect((await runCli(['completion', 'tcsh'])).code).toBe(2);
  });

  it('lists the formats', async () => {
    const r = await runCli(['formats', '--json']);
    expect(JSON.parse(r.stdout).map((f: { id: string }) => f.id)).toContain('image');
  });

  it('teaches with --help', async () => {
    const r = await runCli(['build', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--max-size <size>');
    expect(r.stdout).toContain('SOURCE_DATE_EPOCH');
  });
});
