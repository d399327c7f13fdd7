import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { analyzeCase } from '../../src/case/analyze-case.js';
import { nodeCaseFs, type CaseFs } from '../../src/io/case-fs.js';
import { checkCase } from '../../src/pipeline/check.js';
import { FIXTURES, SAMPLE_CASE } from '../helpers/paths.js';
import { copyCase, makePng, tempDir } from '../helpers/temp-case.js';

const codesOf = async (dir: string, options = {}) => (await checkCase(dir, options)).findings.map((f) => f.code).sort();

async function caseWith(files: Record<string, Buffer | string>): Promise<string> {
  const dir = await tempDir();
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  return dir;
}

const CLIENT = 'client:\n  name: Jane Doe\n  email: jane@example.com\ntimezone: Europe/London\n';

describe('analyzeCase', () => {
  it('finds nothing wrong with the sample case and dates every exhibit from the best source', async () => {
    const result = await checkCase(SAMPLE_CASE);
    expect(result.findings).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.exhibits.map((e) => [e.file, e.date.source, new Date(e.date.epochMs).toISOString()])).toEqual([
      ['screenshots/Screenshot_20240305-141208.png', 'filename', '2024-03-05T14:12:08.000Z'],
      ['receipt.jpg', 'exif', '2024-03-05T14:15:40.000Z'],
      ['screenshots/Screenshot 2024-03-14 at 10.22.33.png', 'filename', '2024-03-14T10:22:33.000Z'],
      ['screenshots/live-site.png', 'manifest', '2024-03-28T09:00:00.000Z'],
    ]);
    expect(result.analysis.sources.map((s) => s.sha256)).toEqual(result.analysis.sources.map(() => expect.stringMatching(/^[0-9a-f]{64}$/)));
  });

  it('reports every broken input by name, and never throws', async () => {
    const result = await checkCase(join(FIXTURES, 'cases', 'broken-inputs'));
    expect(result.findings.map((f) => [f.code, f.file])).toEqual([
      ['ITEM_UNREADABLE', 'empty.png'],
      ['ITEM_IMAGE_TOO_LARGE', 'huge-30000x30000.png'],
      ['ITEM_UNREADABLE', 'notes.png'],
      ['ITEM_UNREADABLE', 'Screenshot_20240301-120500-truncated.png'],
    ]);
    expect(result.exhibits.map((e) => e.file)).toEqual(['Screenshot_20240301-120000.png']);
    expect(result.exitCode).toBe(1);
  });

  it('takes client, profile and case id from flags when there is no manifest', async () => {
    const dir = await caseWith({ 'Screenshot_20240314-102233.png': await makePng(200, 100) });
    expect(await codesOf(dir)).toEqual(['CASE_CLIENT_EMAIL_MISSING', 'CASE_CLIENT_NAME_MISSING', 'CASE_TIMEZONE_MISSING']);
    const result = await checkCase(dir, { clientName: 'Jane Doe', clientEmail: 'jane@x.com', caseId: 'dp_9', profile: 'visa', tz: 'America/New_York' });
    expect(result.findings).toEqual([]);
    expect(result.analysis.info.id).toBe('dp_9');
    expect(result.analysis.limits.maxBytes).toBe(2_000_000);
    expect(new Date(result.exhibits[0]!.date.epochMs).toISOString()).toBe('2024-03-14T14:22:33.000Z');
  });

  it('checks the client email and dates', async () => {
    const dir = await caseWith({
      'case.yaml': 'client:\n  name: Jane\n  email: jane(at)example\nitems:\n  - file: a.png\n    date: last tuesday\n',
      'a.png': await makePng(100, 50),
    });
    const result = await checkCase(dir);
    expect(result.findings.map((f) => [f.code, f.file, f.path, f.line])).toEqual([
      ['CASE_EMPTY', undefined, undefined, undefined],
      ['ITEM_DATE_MISSING', 'a.png', undefined, undefined],
      ['CASE_CLIENT_EMAIL_INVALID', 'case.yaml', 'client.email', 3],
      ['MANIFEST_DATE_INVALID', 'case.yaml', 'items[0].date', 6],
    ]);
    expect(result.exitCode).toBe(2);
  });

  it('refuses manifest paths that leave the case folder, and names missing files', async () => {
    const dir = await caseWith({
      'case.yaml': `${CLIENT}items:\n  - file: ../secret.png\n  - file: /etc/passwd\n  - file: shots/missing.png\n  - file: ./a.png\n    date: 2024-03-01T10:00:00Z\n`,
      'a.png': await makePng(100, 50),
    });
    const result = await checkCase(dir);
    expect(result.findings.map((f) => [f.code, f.path])).toEqual([
      ['MANIFEST_PATH_OUTSIDE_CASE', 'items[0].file'],
      ['MANIFEST_PATH_OUTSIDE_CASE', 'items[1].file'],
      ['MANIFEST_FILE_NOT_FOUND', 'items[2].file'],
    ]);
    expect(result.exhibits[0]?.date.source).toBe('manifest');
  });

  it('flags duplicates, unsupported files and images without a date', async () => {
    const png = await makePng(100, 50);
    const dir = await caseWith({
      'case.yaml': CLIENT,
      'Screenshot_20240301-100000.png': png,
      'copy/Screenshot_20240301-100000.png': png,
      'notes.docx': Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 1, 2]),
      'readme.txt': 'hello',
      'undated.png': await makePng(100, 60, 'other'),
    });
    const result = await checkCase(dir);
    expect(result.findings.map((f) => [f.code, f.file])).toEqual([
      ['ITEM_DUPLICATE', 'copy/Screenshot_20240301-100000.png'],
      ['ITEM_UNSUPPORTED', 'notes.docx'],
      ['ITEM_UNSUPPORTED', 'readme.txt'],
      ['ITEM_DATE_MISSING', 'undated.png'],
    ]);
    expect(result.analysis.sources).toHaveLength(5);
  });

  it('skips hidden files, the manifest and excluded outputs', async () => {
    const png = await makePng(100, 50);
    const dir = await caseWith({ 'case.yaml': CLIENT, '.DS_Store': 'x', '.git/config': 'x', 'Screenshot_20240301-100000.png': png, 'packet.pdf': '%PDF-1.7' });
    const result = await analyzeCase(dir, { exclude: [join(dir, 'packet.pdf')] });
    expect(result.sources.map((s) => s.file)).toEqual(['Screenshot_20240301-100000.png']);
  });

  it('reads dates from EXIF with its offset, and reports a disagreeing file name', async () => {
    const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#888' } })
      .jpeg()
      .withExif({ IFD2: { DateTimeOriginal: '2024:03:14 10:22:33', OffsetTimeOriginal: '-04:00' } })
      .toBuffer();
    const dir = await caseWith({ 'case.yaml': CLIENT, 'IMG_20240316_080000.jpg': jpeg });
    const result = await checkCase(dir);
    const [exhibit] = result.exhibits;
    expect(exhibit?.date.source).toBe('exif');
    expect(new Date(exhibit!.date.epochMs).toISOString()).toBe('2024-03-14T14:22:33.000Z');
    expect(exhibit?.kind === 'image' && exhibit.dateCandidates.map((d) => d.source)).toEqual(['exif', 'filename']);
    expect(result.findings.map((f) => [f.code, f.args.difference])).toEqual([['ITEM_DATE_CONFLICT', '42 h']]);
  });

  it('takes a note from a sidecar file unless case.yaml has one', async () => {
    const dir = await caseWith({
      'case.yaml': CLIENT,
      'Screenshot_20240301-100000.png': await makePng(100, 50),
      'Screenshot_20240301-100000.png.note.txt': 'Client says thanks\n',
    });
    const result = await checkCase(dir);
    expect(result.exhibits[0]?.note).toEqual({ value: 'Client says thanks', source: 'Screenshot_20240301-100000.png.note.txt' });
    expect(result.analysis.sources.map((s) => s.file)).toEqual(['Screenshot_20240301-100000.png']);
  });

  it('reports marks outside the image at their key path', async () => {
    const dir = await caseWith({
      'case.yaml': `${CLIENT}items:\n  - file: Screenshot_20240301-100000.png\n    crop: [0, 0, 500, 20]\n    redact: [[0, 0, 10, 10], [90, 40, 20, 20]]\n`,
      'Screenshot_20240301-100000.png': await makePng(100, 50),
    });
    const result = await checkCase(dir);
    expect(result.findings.map((f) => [f.code, f.path, f.line])).toEqual([
      ['MANIFEST_MARK_OUTSIDE_IMAGE', 'items[0].crop', 7],
      ['MANIFEST_MARK_OUTSIDE_IMAGE', 'items[0].redact[1]', 8],
    ]);
    expect(result.exitCode).toBe(2);
  });

  it('reports a folder it cannot list, by name', async () => {
    const dir = await caseWith({ 'case.yaml': CLIENT, 'Screenshot_20240301-100000.png': await makePng(100, 50), 'private/x.png': 'x' });
    const fs: CaseFs = {
      ...nodeCaseFs,
      readDir: async (path) => {
        if (path.endsWith('private')) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
        return nodeCaseFs.readDir(path);
      },
    };
    const result = await checkCase(dir, { fs });
    expect(result.findings.map((f) => [f.code, f.file, f.args.detail])).toEqual([['ITEM_UNREADABLE', 'private/', 'folder cannot be listed (EACCES)']]);
  });

  it('refuses links that lead outside the case folder', async () => {
    const outside = await tempDir();
    await writeFile(join(outside, 'x.png'), await makePng(10, 10));
    const dir = await caseWith({ 'case.yaml': CLIENT, 'Screenshot_20240301-100000.png': await makePng(100, 50) });
    await symlink(join(outside, 'x.png'), join(dir, 'link.png'));
    expect(await codesOf(dir)).toEqual(['ITEM_LINK_OUTSIDE_CASE']);
  });

  it('predicts the page count and reports a packet over the page limit', async () => {
    const dir = await copyCase(SAMPLE_CASE);
    const result = await checkCase(dir, { maxPages: 5 });
    expect(result.plan?.pages).toHaveLength(7);
    expect(result.findings.map((f) => [f.code, f.args.pages, f.args.limit])).toEqual([['PACKET_OVER_PAGE_LIMIT', 7, 5]]);
  });

  it('throws typed errors for a missing folder and bad flags', async () => {
    await expect(checkCase('/nonexistent/case')).rejects.toMatchObject({ code: 'CASE_FOLDER_NOT_FOUND', exitCode: 3 });
    await expect(checkCase(SAMPLE_CASE, { profile: 'stirpe' })).rejects.toMatchObject({ code: 'USAGE_UNKNOWN_PROFILE', exitCode: 2 });
    await expect(checkCase(SAMPLE_CASE, { tz: 'London' })).rejects.toMatchObject({ code: 'USAGE_BAD_TIMEZONE', exitCode: 2 });
  });
});

describe('image formats', () => {
  it('reads PNG, JPEG, WebP, GIF (first frame of an animation) and TIFF, by content', async () => {
    const base = sharp({ create: { width: 120, height: 80, channels: 3, background: '#4477aa' } });
    // Two 120 × 80 frames stacked, written as an animated GIF (raw pageHeight makes pages).
    const strip = await sharp({ create: { width: 120, height: 160, channels: 3, background: '#aa7744' } })
      .composite([{ input: { create: { width: 120, height: 80, channels: 3, background: '#3355aa' } }, top: 80, left: 0 }])
      .raw()
      .toBuffer();
    const twoFrames = await sharp(strip, { raw: { width: 120, height: 160, channels: 3, pageHeight: 80 } })
      .gif()
      .toBuffer();
    const dir = await caseWith({
      'case.yaml': CLIENT,
      'Screenshot_20240301-100000.png': await base.clone().png().toBuffer(),
      'Screenshot_20240301-100001.jpg': await base.clone().jpeg().toBuffer(),
      'Screenshot_20240301-100002.webp': await base.clone().webp().toBuffer(),
      'Screenshot_20240301-100003.gif': twoFrames,
      'Screenshot_20240301-100004.tiff': await base.clone().tiff().toBuffer(),
      // A PNG saved with the wrong extension is still read as the PNG it is.
      'Screenshot_20240301-100005.jpg': await base.clone().png({ colours: 8 }).toBuffer(),
    });
    const result = await checkCase(dir);
    expect(result.exhibits.map((e) => e.kind === 'image' && e.image.format)).toEqual(['png', 'jpeg', 'webp', 'gif', 'tiff', 'png']);
    expect(result.findings.map((f) => [f.code, f.file, f.args.frames])).toEqual([['ITEM_IMAGE_FRAMES', 'Screenshot_20240301-100003.gif', 2]]);
    expect(result.exhibits[3]?.kind === 'image' && result.exhibits[3].image).toMatchObject({ width: 120, height: 80, frames: 2 });
    const built = await (await import('../../src/pipeline/build.js')).buildPacket(dir);
    expect(built.ok).toBe(true);
  });
});

describe('keys that do not apply', () => {
  it('warns when a chat-only key is set on an image', async () => {
    const dir = await caseWith({
      'case.yaml': `${CLIENT}items:\n  - file: Screenshot_20240301-100000.png\n    dateOrder: dmy\n    select: { match: [ok] }\n`,
      'Screenshot_20240301-100000.png': await makePng(100, 50),
    });
    const result = await checkCase(dir);
    expect(result.findings.map((f) => [f.code, f.path, f.line, f.severity])).toEqual([
      ['MANIFEST_FIELD_IGNORED', 'items[0].dateOrder', 7, 'warning'],
      ['MANIFEST_FIELD_IGNORED', 'items[0].select', 8, 'warning'],
    ]);
    expect(result.exitCode).toBe(0);
  });
});
