import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import pLimit from 'p-limit';
import { describe, expect, it } from 'vitest';
// @ts-expect-error the fixture generator is plain JavaScript
import { HOSTILE_PANS, writeHostileCase } from '../../scripts/make-hostile-fixtures.mjs';
import { type BothRuns, expectNoPan, expectNoPanAnywhere, findings, hostileCase, runBoth } from '../helpers/hostile.js';
import { FIXTURES } from '../helpers/paths.js';
import { readPdf } from '../helpers/read-pdf.js';
import { runCli } from '../helpers/run-cli.js';
import { shareRuns } from '../helpers/share-runs.js';
import { tempDir } from '../helpers/temp-case.js';

const PANS = HOSTILE_PANS as string[];

/** Every file under a folder, recursively, with its text. */
async function folderText(dir: string): Promise<string> {
  const parts: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) parts.push(await readFile(join(entry.parentPath, entry.name), 'latin1'));
  }
  return parts.join('\n');
}

/**
 * Hostile cases whose `check --json --no-ocr` a test of this file has already parsed (runBoth
 * does): the sweep at the end need not start the CLI on them again. Run alone, it checks all.
 */
const parsed = new Set<string>();

/** runBoth with OCR off on a copy of a committed hostile case, noted as parsed. */
async function runHostile(name: string): Promise<BothRuns> {
  const runs = await runBoth(await hostileCase(name));
  parsed.add(name);
  return runs;
}

/**
 * Hostile cases with the same case.yaml and no file name in common, read as ONE case: each test
 * checks the findings and output of its own files, so one check and one build serve them all.
 */
const TOGETHER = ['lookalike-senders', 'email-bad-attachment', 'zip-link-controls', 'tiny-image'];
const together = shareRuns(async (_, work) => {
  const dir = join(work, 'together');
  for (const name of TOGETHER) await cp(join(FIXTURES, 'hostile', name), dir, { recursive: true, filter: (from) => !from.endsWith('case.yaml') });
  await cp(join(FIXTURES, 'hostile', TOGETHER[0]!, 'case.yaml'), join(dir, 'case.yaml'));
  const runs = await runBoth(dir, ['--no-ocr'], work);
  for (const name of TOGETHER) parsed.add(name);
  return runs;
});

type Message = { client: boolean; where: string };
const messagesOf = (json: string, file: string): Message[] =>
  (JSON.parse(json) as { exhibits: { file: string; chat?: { messages: Message[] } }[] }).exhibits.find((e) => e.file === file)?.chat?.messages ?? [];

describe('hostile input, round 3 (fixtures/hostile)', () => {
  it('an image in a WhatsApp zip is read by OCR; the cache holds no card number, and an edited entry is read again', async () => {
    const dir = await hostileCase('whatsapp-zip-card-image');
    const cache = await tempDir('ep-hostile-cache-');
    const runs = await runBoth(dir, ['--cache-dir', cache]);
    expect(runs.build.code, runs.build.stderr).toBe(0);
    const inner = 'WhatsApp Chat with Dana Client.zip/IMG-20240314-WA0001.png';
    expect(findings(runs.check)).toContainEqual(expect.objectContaining({ code: 'ITEM_CARD_REDACTED', file: inner }));
    await expectNoPanAnywhere(runs, PANS);
    expectNoPan(await folderText(cache), PANS, 'the cache folder');
    // The OCR entry edited as someone would to lift the redaction: it is discarded and read again.
    let edited = 0;
    for (const entry of await readdir(cache, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.json')) continue;
      const path = join(entry.parentPath, entry.name);
      const stored = JSON.parse(await readFile(path, 'utf8')) as { value?: { cardCount?: number; cardBoxes?: unknown[] } };
      if (!stored.value?.cardCount) continue;
      stored.value = { ...stored.value, cardCount: 0, cardBoxes: [] };
      await writeFile(path, JSON.stringify(stored));
      edited++;
    }
    expect(edited).toBeGreaterThan(0);
    const again = await runCli(['check', dir, '--json', '--cache-dir', cache]);
    expect(findings(again)).toContainEqual(expect.objectContaining({ code: 'ITEM_CARD_REDACTED', file: inner }));
  });

  it('a zip with stored entries, a PDF first, is read as the WhatsApp zip it is: first message kept, no JPEG bytes as text', async () => {
    const runs = await runHostile('whatsapp-zip-stored');
    expect(runs.check.code).toBe(0);
    expect(runs.build.code, runs.build.stderr).toBe(0);
    const text = (await readPdf(join(runs.out, 'packet.pdf'))).pages.join('\n');
    expect(text).toContain('FIRST-MESSAGE');
    expect(text).not.toContain('JFIF-BYTES');
  });

  it('look-alike senders are not the client, each reported with what differs; the real address is', async () => {
    const runs = await together('');
    const found = findings(runs.check).filter((f) => f.code === 'CHAT_CLIENT_LOOKALIKE');
    expect(found.map((f) => f.file).sort()).toEqual(['cyrillic.eml', 'digit-one.eml', 'display-name.eml']);
    expect(found.find((f) => f.file === 'cyrillic.eml')?.message).toContain('U+0430');
    expect(found.find((f) => f.file === 'digit-one.eml')?.message).toContain('U+0031');
    expect(found.find((f) => f.file === 'display-name.eml')?.message).toContain('attacker@evil.example');
    for (const file of ['cyrillic.eml', 'digit-one.eml', 'display-name.eml']) expect(messagesOf(runs.check.stdout, file).map((m) => m.client)).toEqual([false]);
    expect(messagesOf(runs.check.stdout, 'real.eml').map((m) => m.client)).toEqual([true]);
  });

  it('an internationalised client address (RFC 6531) is accepted and matched', async () => {
    const runs = await runHostile('idn-client');
    expect(runs.check.code).toBe(0);
    expect(findings(runs.check).map((f) => f.code)).not.toContain('CASE_CLIENT_EMAIL_INVALID');
    expect(messagesOf(runs.check.stdout, 'mail.eml').map((m) => m.client)).toEqual([true]);
  });

  it('an unreadable attachment inside an email is named and left out with a warning; the packet is built', async () => {
    const runs = await together('');
    expect(runs.check.code).toBe(0);
    expect(findings(runs.check)).toContainEqual(
      expect.objectContaining({ code: 'ITEM_ATTACHMENT_UNREADABLE', severity: 'warning', file: 'mail.eml', message: expect.stringContaining('live.png') }),
    );
    expect(runs.build.code, runs.build.stderr).toBe(0);
  });

  it('control characters in the name of a zip’s link entry reach neither the findings nor the PDF', async () => {
    const runs = await together('');
    expect(runs.build.code, runs.build.stderr).toBe(0);
    const skipped = findings(runs.check).find((f) => f.code === 'ITEM_ZIP_ENTRY_SKIPPED');
    expect(skipped?.message).toContain('IMG\\x1b[2J\\x07\\x85-link.jpg');
    // eslint-disable-next-line no-control-regex
    const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
    expect((await readPdf(join(runs.out, 'packet.pdf'))).pages.join('\n')).not.toMatch(controls);
    expect(await readFile(join(runs.out, 'report.json'), 'utf8')).not.toMatch(controls);
  });

  it('a 1 × 1 image gets a finding', async () => {
    const runs = await together('');
    expect(findings(runs.check)).toContainEqual(expect.objectContaining({ code: 'ITEM_IMAGE_TOO_SMALL', file: 'Screenshot_20240314-102200.png' }));
  });

  it('control characters and line breaks from names, keys and messages reach no sink as they are', async () => {
    const dir = join(await tempDir('ep-hostile-'), 'sinks');
    await writeHostileCase('sink-injection', dir);
    const runs = await runBoth(dir);
    parsed.add('sink-injection');
    // Four runs that only read the case: two at a time.
    const [text, coloured] = await Promise.all([
      runCli(['check', dir, '--no-ocr']),
      runCli(['check', dir, '--no-ocr'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }),
    ]);
    const [github, junit] = await Promise.all([
      runCli(['check', dir, '--no-ocr', '--format', 'github']),
      runCli(['check', dir, '--no-ocr', '--format', 'junit']),
    ]);
    // eslint-disable-next-line no-control-regex
    const raw = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;
    for (const output of [text.stdout, text.stderr, github.stdout, runs.build.stdout, runs.build.stderr]) expect(output).not.toMatch(raw);
    // With colours, the only escape sequences are the colours we paint.
    // eslint-disable-next-line no-control-regex
    expect(coloured.stdout.replace(/\u001b\[[0-9;]*m/g, '')).not.toMatch(raw);
    expect(text.stdout).toContain('\\x1b[31mRED');
    // The key's line break is shown, not obeyed: no line of ours starts with the forged finding.
    for (const output of [text.stdout, coloured.stdout]) expect(output.split('\n').some((l) => /^\S*error\S* \S*ITEM_FORGED/.test(l))).toBe(false);
    for (const line of github.stdout.trimEnd().split('\n')) expect(line).toMatch(/^(::(error|warning|notice) [^\n]*|evidence-packet check .*)$/);
    expect(github.stdout).not.toContain('::error file=x::forged\n');
    expect(() => new XMLParser().parse(junit.stdout)).not.toThrow();
    expect(JSON.parse(runs.check.stdout).exhibits.length).toBeGreaterThan(0);
  });

  // fixtures/bad's cases are parsed the same way by hostile.test.ts.
  it('check --json is valid JSON for every fixture case and every hostile case', async () => {
    const fixtures = join(__dirname, '..', '..', 'fixtures');
    const dirs = [join(fixtures, 'sample-case')];
    for (const root of ['cases', 'hostile'].map((r) => join(fixtures, r)))
      for (const entry of await readdir(root, { withFileTypes: true }))
        if (entry.isDirectory() && !(root.endsWith('hostile') && parsed.has(entry.name))) dirs.push(join(root, entry.name));
    if (!parsed.has('sink-injection')) {
      const sinks = join(await tempDir('ep-hostile-'), 'sinks');
      await writeHostileCase('sink-injection', sinks);
      dirs.push(sinks);
    }
    // Two at a time: each check is one process, and the machine has two cores.
    const limit = pLimit(2);
    const results = await Promise.all(dirs.map((dir) => limit(async () => ({ dir, result: await runCli(['check', dir, '--json', '--no-ocr']) }))));
    for (const { dir, result } of results) expect(() => JSON.parse(result.stdout), `${dir}: ${result.stdout.slice(0, 200)}`).not.toThrow();
  });
});
