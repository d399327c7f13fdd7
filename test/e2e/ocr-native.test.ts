import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { createOcrEngine, type OcrInput } from '../../src/ocr/ocr-engine.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-case.js';

const hasTesseract = spawnSync('tesseract', ['--version'], { stdio: 'ignore' }).status === 0;

async function screenshot(lines: string[]): Promise<Buffer> {
  const text = lines.map((l, i) => `<text x="40" y="${80 + i * 60}" font-size="30" font-family="DejaVu Sans" fill="#111">${l}</text>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="${120 + lines.length * 60}"><rect width="100%" height="100%" fill="#fff"/>${text}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

const input = async (sha256: string, bytes: Buffer): Promise<OcrInput> => {
  const { width, height } = await sharp(bytes).metadata();
  return { file: 'shot.png', sha256, bytes, marks: { highlight: [], redact: [] }, image: { width: width!, height: height!, opaque: true, format: 'png' } };
};

// The system's tesseract is an accelerator: where it is installed, it must give the same facts
// as the bundled engine, masked the same way, and its results must not be taken for the bundled engine's.
describe.skipIf(!hasTesseract)('OCR by the system tesseract', () => {
  const engines: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const e of engines) await e.close();
  });

  it('reads a screenshot, masks its card number, and keeps its cache entries apart from the bundled engine’s', async () => {
    const cacheDir = join(await tempDir(), 'ocr');
    const native = createOcrEngine({ native: 'tesseract', workers: 1, cacheDir });
    const bundled = createOcrEngine({ workers: 1, cacheDir });
    engines.push(native, bundled);
    const shot = await input('card-shot', await screenshot(['Jane Doe wrote at 10:22:', 'Card 4242 4242 4242 4242 on file', 'Thanks, Jane']));
    const read = await native.recognize(shot);
    expect(read.cached).toBe(false);
    expect(read.text).toContain('Jane Doe');
    expect(read.text).toContain('10:22');
    expect(read.cardCount).toBe(1);
    expect(read.text).not.toMatch(/4242\s*4242\s*4242/);
    expect(JSON.stringify(read)).not.toContain('4242 4242');
    expect((await native.recognize(shot)).cached).toBe(true);
    const other = await bundled.recognize(shot);
    expect(other.cached).toBe(false);
    expect(other.cardCount).toBe(1);
  });

  it('gives check the same facts as the bundled engine on a case of screenshots', async () => {
    const dir = join(await tempDir(), 'case');
    await mkdir(join(dir, 'shots'), { recursive: true });
    await writeFile(
      join(dir, 'case.yaml'),
      'case: dp_native\nprofile: stripe\ntimezone: Europe/London\nclient: { name: Jane Doe, email: jane.doe@example.com }\n',
    );
    await writeFile(
      join(dir, 'shots', 'Screenshot_20240314-102200.png'),
      await screenshot(['Jane Doe &lt;jane.doe@example.com&gt;', 'Thu, 14 Mar 2024, 10:22', 'Approved, thanks!']),
    );
    await writeFile(join(dir, 'shots', 'chat.png'), await screenshot(['From: Jane Doe', 'Date: 15 March 2024 09:41', 'Received the files']));
    const facts = async (native: string) => {
      const r = await runCli(['check', dir, '--json', '--cache-dir', join(dir, '..', `cache-${native}`)], { env: { EVIDENCE_PACKET_NATIVE_OCR: native } });
      const report = JSON.parse(r.stdout) as { exhibits: { file: string; date: unknown; ocr?: { visible: unknown } }[] };
      return report.exhibits.map((e) => ({ file: e.file, date: e.date, visible: e.ocr?.visible }));
    };
    const bundled = await facts('0');
    expect(bundled.every((e) => e.visible !== undefined)).toBe(true);
    expect(await facts('1')).toEqual(bundled);
  });
});
