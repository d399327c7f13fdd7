import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharp } from '../../src/io/cjs.js';
import { readNative } from '../../src/ocr/native-tesseract.js';
import { tempDir } from '../helpers/temp-case.js';

/**
 * The system tesseract reads standard input a character at a time (C++ streams), which costs a
 * screenshot's reading about a twentieth of its CPU: it is handed a file instead. A stand-in
 * command records what it was given, so this holds on any machine, tesseract installed or not.
 */
describe.skipIf(process.platform === 'win32')('readNative (one reading by the system tesseract)', () => {
  async function recorder(): Promise<{ command: string; dir: string }> {
    const dir = await tempDir();
    const command = join(dir, 'tesseract');
    const word = ['5', '1', '1', '1', '1', '1', '10', '20', '30', '40', '96', 'hello'].join('\\t');
    const line = ['4', '1', '1', '1', '1', '0', '10', '20', '30', '40', '-1', ''].join('\\t');
    await writeFile(command, `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/args"\ncp "$1" "${dir}/image"\ncat > "${dir}/stdin"\nprintf '${line}\\n${word}\\n'\n`);
    await chmod(command, 0o755);
    return { command, dir };
  }

  it('hands tesseract the image as a file, pipes nothing in, and removes the file after', async () => {
    const { command, dir } = await recorder();
    const image = Buffer.concat([Buffer.from('P5\n3 2\n255\n'), Buffer.from([0, 64, 128, 192, 255, 7])]);
    const read = await readNative({ command, identity: 'stand-in' }, image, 'sparse', 0.5);
    expect(read.words).toEqual([{ text: 'hello', confidence: 96, bbox: [20, 40, 60, 80] }]);
    const args = (await readFile(join(dir, 'args'), 'utf8')).trim().split('\n');
    expect(args.slice(1)).toEqual(['stdout', '--oem', '1', '--psm', '11', '--dpi', '300', '-l', 'eng', 'tsv']);
    expect(args[0]).not.toBe('stdin');
    // A grey PGM reaches tesseract as a PNG of the same pixels (leptonica reads a PGM a byte at a time).
    const given = await readFile(join(dir, 'image'));
    expect(given.subarray(1, 4).toString('latin1')).toBe('PNG');
    const meta = await sharp(given).metadata();
    expect([meta.width, meta.height, meta.channels]).toEqual([3, 2, 1]);
    expect(await sharp(given).extractChannel(0).raw().toBuffer()).toEqual(image.subarray(image.length - 6));
    expect((await readFile(join(dir, 'stdin'))).length).toBe(0);
    await expect(readFile(args[0]!)).rejects.toThrow(/ENOENT/);
  });

  it('hands any other image over as it is', async () => {
    const { command, dir } = await recorder();
    const png = await sharp({ create: { width: 4, height: 3, channels: 3, background: '#808080' } })
      .png()
      .toBuffer();
    await readNative({ command, identity: 'stand-in' }, png, 'block', 1);
    expect(await readFile(join(dir, 'image'))).toEqual(png);
  });

  it('removes the file when tesseract fails too', async () => {
    const dir = await tempDir();
    const command = join(dir, 'tesseract');
    await writeFile(command, `#!/bin/sh\nprintf '%s' "$1" > "${dir}/path"\necho 'Error opening data file' >&2\nexit 1\n`);
    await chmod(command, 0o755);
    await expect(readNative({ command, identity: 'stand-in' }, Buffer.from('P5\n1 1\n255\n\0'), 'block', 1)).rejects.toThrow(/exited with 1: Error opening/);
    const path = await readFile(join(dir, 'path'), 'utf8');
    await expect(readFile(path)).rejects.toThrow(/ENOENT/);
  });
});
