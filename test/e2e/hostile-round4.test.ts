import { spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
// @ts-expect-error the generator is plain JavaScript
import { LONG_MESSAGE_LINES, ROUND4_PANS, ROUND4_PIPES } from '../../scripts/hostile-round4.mjs';
import { expectNoPanAnywhere, expectNothingWritten, findings, hashes, hostileCase, runBoth } from '../helpers/hostile.js';
import { readPdf } from '../helpers/read-pdf.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-case.js';

const PANS = ROUND4_PANS as string[];
const hasMkfifo = spawnSync('mkfifo', ['--version'], { stdio: 'ignore' }).status === 0;

describe('hostile input, round 4 (fixtures/hostile, scripts/hostile-round4.mjs)', () => {
  it('a WhatsApp message longer than the 64 KB sample is read as WhatsApp, and cut with a finding that counts what is left out', async () => {
    const runs = await runBoth(await hostileCase('whatsapp-long-message'));
    expect(runs.check.code, runs.check.stderr).toBe(0);
    const cut = findings(runs.check).find((f) => f.code === 'CHAT_MESSAGE_TRUNCATED');
    expect(cut).toMatchObject({ file: 'chat.txt', severity: 'warning' });
    // 500 lines after the first are kept: the header line and 500 more shown, the rest counted.
    expect(cut?.message).toContain(`${LONG_MESSAGE_LINES - 500} more are left out`);
    expect(findings(runs.check).map((f) => f.code)).not.toContain('ITEM_UNSUPPORTED');
    expect(runs.build.code, runs.build.stderr).toBe(0);
    const text = (await readPdf(join(runs.out, 'packet.pdf'))).pages.join('\n');
    // The cut is said in the message itself, and the messages after it are all there.
    expect(text).toContain(`${LONG_MESSAGE_LINES - 500} more line(s) of this message are not shown`);
    expect(text).toContain('line 0500 of the pasted licence text');
    expect(text).not.toContain('line 0501 of the pasted licence text');
    expect(text).toContain('The theme works');
  });

  it('card numbers an annotation draws or holds (appearance, rich text, button caption, stamp, field value, hex string) leave no byte', async () => {
    const runs = await runBoth(await hostileCase('pdf-annotation-pans'));
    expect(runs.check.code, runs.check.stderr).toBe(0);
    expect(findings(runs.check)).toContainEqual(expect.objectContaining({ code: 'ITEM_PDF_CARD_REDACTED', file: 'order-form.pdf' }));
    expect(runs.build.code, runs.build.stderr).toBe(0);
    await expectNoPanAnywhere(runs, PANS);
  });

  it('an image over 51 MP is read with a warning naming it and its size, checked and built', async () => {
    const dir = join(await tempDir('ep-large-'), 'case');
    await mkdir(dir);
    // 7200 × 7200 grey (52 MP), one dark block in a wide flat border: a small file, a large decode.
    const block = { input: { create: { width: 2000, height: 1200, channels: 3 as const, background: '#202020' } }, left: 2600, top: 3000 };
    await sharp({ create: { width: 7200, height: 7200, channels: 3, background: '#f4f4f4' } })
      .composite([block])
      .toColourspace('b-w')
      .png({ compressionLevel: 1 })
      .toFile(join(dir, 'Screenshot_20240314-102200.png'));
    await writeFile(join(dir, 'case.yaml'), 'case: large\ntimezone: UTC\nclient: {name: Dana Client, email: dana@example.com}\n');
    const runs = await runBoth(dir);
    expect(runs.check.code, runs.check.stderr).toBe(0);
    const large = findings(runs.check).find((f) => f.code === 'ITEM_IMAGE_LARGE');
    expect(large).toMatchObject({ file: 'Screenshot_20240314-102200.png', severity: 'warning' });
    expect(large?.message).toContain('7200 × 7200 pixels (51.8 MP)');
    // Its borders were found on the reduced copy: the trim holds the block, and far less than the whole.
    const exhibits = (JSON.parse(runs.check.stdout) as { exhibits: { trimmed?: { x: number; y: number; width: number; height: number } }[] }).exhibits;
    const trimmed = exhibits[0]?.trimmed;
    expect(trimmed).toBeDefined();
    expect(trimmed!.x).toBeLessThanOrEqual(2600);
    expect(trimmed!.y).toBeLessThanOrEqual(3000);
    expect(trimmed!.x + trimmed!.width).toBeGreaterThanOrEqual(4600);
    expect(trimmed!.y + trimmed!.height).toBeGreaterThanOrEqual(4200);
    expect(trimmed!.width).toBeLessThan(2400);
    expect(runs.build.code, runs.build.stderr).toBe(0);
  }, 120_000);
});

describe.skipIf(!hasMkfifo)('a named pipe where case.yaml names a file says it is not a file', () => {
  async function piped(name: string): Promise<string> {
    const dir = join(await tempDir('ep-pipe-'), name);
    await mkdir(dir, { recursive: true });
    await (ROUND4_PIPES as Record<string, (d: string) => Promise<void>>)[name]!(dir);
    return dir;
  }

  it.each([
    ['fifo-template', 'case.yaml', 'letters/letter.md', 'template'],
    ['fifo-item', 'case.yaml', 'chat.txt', 'items[0].file'],
    ['fifo-ignore', '.evidenceignore', '.evidenceignore', undefined],
  ])('%s: MANIFEST_NOT_A_FILE naming %s, exit 2, nothing written, no hang', async (name, file, value, path) => {
    const dir = await piped(name);
    const before = await hashes(dir);
    const runs = await runBoth(dir);
    const finding = findings(runs.check).find((f) => f.code === 'MANIFEST_NOT_A_FILE');
    expect(finding, runs.check.stdout).toMatchObject({ file, severity: 'error', ...(path ? { path } : {}) });
    expect(finding?.message).toContain(`"${value}" is a`);
    expect(finding?.message).toContain('not a file');
    expect(findings(runs.check).map((f) => f.code)).not.toContain('MANIFEST_FILE_NOT_FOUND');
    expect(runs.check.code).toBe(2);
    expect(runs.build.code).toBe(2);
    await expectNothingWritten(runs.out);
    expect(await hashes(dir)).toEqual(before);
    // The text report names it too, without a stack trace.
    const human = await runCli(['check', dir, '--no-ocr']);
    expect(human.stdout + human.stderr).toMatch(/MANIFEST_NOT_A_FILE/);
  });

  it('a named pipe as the user config is said and not used', async () => {
    const config = await tempDir('ep-config-');
    await mkdir(join(config, 'evidence-packet'));
    spawnSync('mkfifo', [join(config, 'evidence-packet', 'config.yaml')]);
    const dir = await hostileCase('whatsapp-long-message');
    const check = await runCli(['check', dir, '--no-ocr'], { env: { XDG_CONFIG_HOME: config } });
    expect(check.code).toBe(0);
    expect(check.stderr).toContain('is a named pipe, not a file; it is not used');
    expect(await readFile(join(dir, 'chat.txt'), 'utf8')).toContain('Thanks, received');
  });
});
