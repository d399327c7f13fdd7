import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findNativeTesseract, parseTsv } from '../../src/ocr/native-tesseract.js';
import { tempDir } from '../helpers/temp-case.js';

const HEADER = 'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';
const row = (level: number, at: [number, number, number, number], box: [number, number, number, number], conf: number, text = '') =>
  [level, 1, ...at, ...box, conf, text].join('\t');

describe('parseTsv (the system tesseract’s words as a reading)', () => {
  const tsv = [
    HEADER,
    row(1, [0, 0, 0, 0], [0, 0, 400, 200], -1),
    row(2, [1, 0, 0, 0], [10, 10, 300, 80], -1),
    row(3, [1, 1, 0, 0], [10, 10, 300, 80], -1),
    row(4, [1, 1, 1, 0], [10, 10, 200, 20], -1),
    row(5, [1, 1, 1, 1], [10, 10, 90, 20], 90.4, 'Jane'),
    row(5, [1, 1, 1, 2], [110, 10, 100, 20], 70.2, 'Doe'),
    row(4, [1, 1, 2, 0], [10, 40, 100, 20], -1),
    row(5, [1, 1, 2, 1], [10, 40, 100, 20], 95, ' '),
    row(3, [1, 2, 0, 0], [10, 70, 300, 20], -1),
    row(4, [1, 2, 1, 0], [10, 70, 300, 20], -1),
    row(5, [1, 2, 1, 1], [10, 70, 300, 20], 88.6, '10:22'),
    '',
  ].join('\n');

  it('gathers words into their lines, with the words’ mean confidence, and leaves out lines with no word', () => {
    const read = parseTsv(tsv, 1);
    expect(read.lines).toEqual([
      { text: 'Jane Doe', confidence: 80, bbox: [10, 10, 200, 20] },
      { text: '10:22', confidence: 89, bbox: [10, 70, 300, 20] },
    ]);
    expect(read.words!.map((w) => [w.text, w.confidence])).toEqual([
      ['Jane', 90],
      ['Doe', 70],
      ['10:22', 89],
    ]);
    expect(read.text).toBe('Jane Doe\n\n10:22\n');
  });

  it('maps boxes back to the source’s pixels when the image read was scaled', () => {
    const read = parseTsv(tsv, 0.5);
    expect(read.lines[0]!.bbox).toEqual([20, 20, 400, 40]);
    expect(read.words![1]!.bbox).toEqual([220, 20, 200, 40]);
  });

  it('reads nothing from output that is not TSV', () => {
    expect(parseTsv('Error opening data file\n', 1)).toEqual({ text: '', lines: [], words: [] });
  });
});

describe.skipIf(process.platform === 'win32')('findNativeTesseract (is the system’s tesseract one to use?)', () => {
  /** A stand-in command printing `version` and, for --list-langs, the languages in a folder holding an eng model. */
  async function fake(version: string, langs: string[]): Promise<string> {
    const dir = await tempDir();
    await mkdir(join(dir, 'tessdata'));
    await writeFile(join(dir, 'tessdata', 'eng.traineddata'), Buffer.alloc(1234));
    const list = [`List of available languages in "${join(dir, 'tessdata')}/" (${langs.length}):`, ...langs].join('\n');
    const script = join(dir, 'tesseract');
    await writeFile(script, `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "${version}"; echo " leptonica-1.82.0"; else printf '%s\\n' '${list}'; fi\n`);
    await chmod(script, 0o755);
    return script;
  }

  it('takes version 4 or later with an English model, named by its version and model', async () => {
    const command = await fake('tesseract 5.3.0', ['eng', 'osd']);
    expect(await findNativeTesseract(command)).toEqual({ command, identity: 'tesseract 5.3.0 native, eng 1234 bytes' });
  });

  it('leaves a version 3 (no LSTM engine), one without English, and a missing command', async () => {
    expect(await findNativeTesseract(await fake('tesseract 3.05.02', ['eng']))).toBeUndefined();
    expect(await findNativeTesseract(await fake('tesseract 5.3.0', ['deu', 'osd']))).toBeUndefined();
    expect(await findNativeTesseract(join(await tempDir(), 'no-such-tesseract'))).toBeUndefined();
  });
});
