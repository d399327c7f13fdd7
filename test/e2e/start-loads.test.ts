import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_CASE } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-case.js';

/**
 * sharp (libvips, a native addon) is loaded when an image is first touched: a run that never
 * touches one (`--version`, a case of text chats) does not pay for it at start. Each run here
 * is given a preload that writes, as the process ends, which of these packages it loaded; the
 * run with images proves the probe sees sharp when it is there.
 */
const WATCHED = /node_modules\/(sharp|@img\/[^/]+)\//;

async function packagesLoaded(args: string[]): Promise<{ code: number | null; loaded: string[] }> {
  const dir = await tempDir('ep-loads-');
  const log = join(dir, 'loaded.txt');
  const preload = join(dir, 'preload.cjs');
  await writeFile(
    preload,
    `process.on('exit', () => require('fs').appendFileSync(${JSON.stringify(log)}, Object.keys(require.cache).map((k) => (k.match(${WATCHED}) || [])[1]).filter(Boolean).join('\\n') + '\\n'));\n`,
  );
  // Both the launcher and the process it starts take the preload: their lists are merged.
  const { code } = await runCli(args, { env: { NODE_OPTIONS: `--require ${preload}` } });
  const loaded = [...new Set((await readFile(log, 'utf8')).split('\n').filter(Boolean))].sort();
  return { code, loaded };
}

async function textOnlyCase(): Promise<string> {
  const dir = join(await tempDir(), 'case');
  await mkdir(dir);
  await writeFile(
    join(dir, 'case.yaml'),
    'case: dp_text\nprofile: stripe\nreason: product_not_received\namount: 20.00\ncurrency: USD\nclient: { name: Dana Client }\nmerchant: { name: Acme }\nitems:\n  - file: chat.txt\n    note: The client confirms delivery\n',
  );
  await writeFile(join(dir, 'chat.txt'), '[12/03/2024, 10:15:02] Dana Client: Got the parcel, thanks!\n[12/03/2024, 10:16:40] Acme: Glad it arrived.\n');
  return dir;
}

describe('what a run loads', () => {
  it('--version loads no image library', async () => {
    const { code, loaded } = await packagesLoaded(['--version']);
    expect(code).toBe(0);
    expect(loaded).toEqual([]);
  });

  it('a check of text chats loads no image library', async () => {
    const { code, loaded } = await packagesLoaded(['check', await textOnlyCase(), '--no-ocr']);
    expect(code).not.toBe(70);
    expect(loaded).toEqual([]);
  });

  it('a check of screenshots does load sharp (the probe sees it)', async () => {
    const { code, loaded } = await packagesLoaded(['check', SAMPLE_CASE, '--no-ocr']);
    expect(code).toBe(0);
    expect(loaded).toContain('sharp');
  });
});
