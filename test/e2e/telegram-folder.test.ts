import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { FIXTURES } from '../helpers/paths.js';
import { danaCaseYaml } from '../helpers/dana-case-yaml.js';
import { readPdf } from '../helpers/read-pdf.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-case.js';

const EXPORT = join(FIXTURES, 'chats', 'telegram-html', 'ChatExport_2024-03-14');
const PHOTO = 'photo_1@14-03-2024_10-05-30.jpg';

const CASE_YAML = danaCaseYaml({ case: 'dp_tg', profile: 'stripe', reason: 'product_unacceptable', amount: '120' });

interface Finding {
  code: string;
  severity: string;
  file?: string;
  message: string;
}

/** Each sentinel found in the text, in the order given. */
function expectInOrder(text: string, sentinels: readonly string[]): void {
  const at = sentinels.map((s) => text.indexOf(s));
  expect(
    sentinels.filter((_, i) => at[i]! < 0),
    'sentinels missing from the packet',
  ).toEqual([]);
  expect(at).toEqual([...at].sort((a, b) => a - b));
}

describe('the photos of a Telegram Desktop HTML export folder', () => {
  it('a truncated JPEG is named and left out with a warning, as in an email; the rest is built', async () => {
    const dir = await tempDir();
    await cp(EXPORT, join(dir, 'ChatExport_2024-03-14'), { recursive: true });
    await writeFile(join(dir, 'case.yaml'), CASE_YAML);
    const photo = join(dir, 'ChatExport_2024-03-14', 'photos', PHOTO);
    const whole = await readFile(photo);
    // The JPEG's header and the start of its scan stay; the rest (and its end marker) is gone.
    await writeFile(photo, whole.subarray(0, Math.floor(whole.length / 3)));
    const check = await runCli(['check', dir, '--json']);
    const findings = (JSON.parse(check.stdout) as { findings: Finding[] }).findings;
    expect(findings).toContainEqual(
      expect.objectContaining({ code: 'ITEM_ATTACHMENT_UNREADABLE', severity: 'warning', message: expect.stringContaining(PHOTO) }),
    );
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    const out = join(await tempDir(), 'packet.pdf');
    const build = await runCli(['build', dir, '-o', out], { env: { SOURCE_DATE_EPOCH: '1712000000' } });
    expect(build.code, build.stderr).toBe(0);
    const text = (await readPdf(out)).pages.join('\n');
    expectInOrder(text, ['SENTINEL-TG1', 'SENTINEL-TG2', 'SENTINEL-TG3', 'SENTINEL-TG4', 'SENTINEL-TG5', 'SENTINEL-TG6']);
    // Still named in its message, but not shown as an exhibit.
    expect(text).toContain(PHOTO);
    expect(text).not.toMatch(new RegExp(`Attachment: ${PHOTO.replace(/[.@]/g, '\\$&')} \\(shown as Exhibit`));
  });

  it('an export dropped loose in the case folder builds as one exhibit, its pages in order, the photo after its message', async () => {
    const dir = await tempDir();
    await cp(EXPORT, dir, { recursive: true });
    await writeFile(join(dir, 'case.yaml'), CASE_YAML);
    const out = join(await tempDir(), 'packet.pdf');
    const build = await runCli(['build', dir, '-o', out], { env: { SOURCE_DATE_EPOCH: '1712000000' } });
    expect(build.code, build.stderr).toBe(0);
    expect(build.stderr).not.toMatch(/ITEM_UNSUPPORTED|ITEM_DAMAGED/);
    const text = (await readPdf(out)).pages.join('\n');
    expectInOrder(text, ['SENTINEL-TG1', 'SENTINEL-TG2', 'SENTINEL-TG3', 'SENTINEL-TG4', 'SENTINEL-TG5', 'SENTINEL-TG6']);
    // The photo's page stands between its message and the next one (the front matter names it too).
    const photo = text.indexOf(PHOTO, text.indexOf('SENTINEL-TG2'));
    expect(photo).toBeGreaterThan(text.indexOf('SENTINEL-TG2'));
    expect(photo).toBeLessThan(text.indexOf('SENTINEL-TG3'));
    // One transcript: the second page's messages are not an exhibit of their own.
    expect(text).not.toMatch(/messages2\.html\s*\n?\s*Telegram chat/);
    expect(text).toMatch(new RegExp(`Attachment: ${PHOTO.replace(/[.@]/g, '\\$&')} \\(shown as Exhibit`));
  });

  it('the export folder zipped by the user builds as the folder does', async () => {
    const zip = new yazl.ZipFile();
    const files = (await readdir(EXPORT, { recursive: true, withFileTypes: true })).filter((d) => d.isFile());
    for (const d of files) {
      const name = relative(EXPORT, join(d.parentPath, d.name)).split('\\').join('/');
      zip.addBuffer(await readFile(join(EXPORT, name)), `ChatExport_2024-03-14/${name}`);
    }
    zip.end();
    const parts: Buffer[] = [];
    for await (const chunk of zip.outputStream) parts.push(chunk as Buffer);
    const dir = await tempDir();
    await writeFile(join(dir, 'Telegram.zip'), Buffer.concat(parts));
    await writeFile(join(dir, 'case.yaml'), CASE_YAML);
    const out = join(await tempDir(), 'packet.pdf');
    const build = await runCli(['build', dir, '-o', out], { env: { SOURCE_DATE_EPOCH: '1712000000' } });
    expect(build.code, build.stderr).toBe(0);
    expect(build.stderr).not.toMatch(/ITEM_UNSUPPORTED|ITEM_DAMAGED|ITEM_UNREADABLE/);
    const text = (await readPdf(out)).pages.join('\n');
    expectInOrder(text, ['SENTINEL-TG1', 'SENTINEL-TG2', 'SENTINEL-TG3', 'SENTINEL-TG4', 'SENTINEL-TG5', 'SENTINEL-TG6']);
    const photo = text.indexOf(PHOTO, text.indexOf('SENTINEL-TG2'));
    expect(photo).toBeGreaterThan(text.indexOf('SENTINEL-TG2'));
    expect(photo).toBeLessThan(text.indexOf('SENTINEL-TG3'));
  });
});
