import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFRawStream, type PDFRef, type PDFStream } from 'pdf-lib';
import { XMLParser } from 'fast-xml-parser';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_CASE } from '../helpers/paths.js';
import { readPdf, readPdfLines, readStructure, readTextFonts, type StructNode } from '../helpers/read-pdf.js';
import { runCli } from '../helpers/run-cli.js';
import { shareRuns } from '../helpers/share-runs.js';
import { copyCase, tempDir } from '../helpers/temp-case.js';

/** The sample case's manifest with a `template:` line added. */
async function setManifestTemplate(dir: string, template: string): Promise<void> {
  await writeFile(join(dir, 'case.yaml'), `${await readFile(join(SAMPLE_CASE, 'case.yaml'), 'utf8')}template: ${template}\n`);
}

/**
 * The sample case built once as a user builds it (OCR on), dated so its bytes are fixed, with its
 * report: the tests that only read that packet share it rather than each building it again.
 */
let shared: { dir: string; pdf: string; report: string };

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ep-packet-'));
  shared = { dir, pdf: join(dir, 'p.pdf'), report: join(dir, 'r.json') };
  const built = await runCli(['build', SAMPLE_CASE, '-o', shared.pdf, '--report', shared.report], { env: { SOURCE_DATE_EPOCH: '1711616400' } });
  expect(built.code, built.stderr).toBe(0);
});

afterAll(async () => {
  await rm(shared.dir, { recursive: true, force: true });
});

/**
 * The sample case built with Stripe's text fields written, held to the roomy packet's page
 * count: read by the test of the fields and by the test that they count against that limit.
 */
const withFields = shareRuns(async (_, dir) => {
  const pages = (JSON.parse(await readFile(shared.report, 'utf8')) as { output: { pages: number } }).output.pages;
  const pdf = join(dir, 's.pdf');
  const fieldsPath = join(dir, 'f.json');
  const built = await runCli(['build', SAMPLE_CASE, '-o', pdf, '--max-pages', String(pages), '--stripe-evidence', fieldsPath]);
  return { built, pdf, fieldsPath, pages };
});

describe('the packet a reviewer reads', () => {
  it('has the filled letter on the cover, true page numbers in the index, and hashes in the appendix', async () => {
    const out = shared.pdf;
    const report = JSON.parse(await readFile(shared.report, 'utf8'));
    const pdf = await readPdf(out);

    const cover = pdf.pages[0]!;
    expect(cover).toContain('Acme Themes contests the chargeback of USD 499.00 filed by Jane Doe (jane.doe@example.com)');
    expect(cover).toContain('on transaction ch_3OqLm2Acme0042');
    expect(cover).toContain('• Exhibit 3, 2024-03-14 10:22:33 UTC+00:00: Client confirms the delivered theme works and approves it');

    // Each index row ends with the page its exhibit starts on; that page says so.
    const rows = (await readPdfLines(out, 2)).filter((line) => /^\d+ \d{4}-\d{2}-\d{2}/.test(line));
    expect(rows).toHaveLength(4);
    rows.forEach((row, i) => {
      const page = Number(row.split(' ').pop());
      expect(page).toBe(report.exhibits[i].pages.start);
      expect(pdf.pages[page - 1]).toContain(`Exhibit ${i + 1} of 4`);
    });

    const appendix = pdf.pages[pdf.pageCount - 1]!;
    for (const file of ['receipt.jpg', 'screenshots/live-site.png']) {
      const hash = createHash('sha256')
        .update(await readFile(join(SAMPLE_CASE, file)))
        .digest('hex');
      expect(appendix).toContain(`SHA-256 ${hash}`);
    }
    expect(pdf.outline.filter((t) => t.startsWith('Exhibit '))).toHaveLength(4);
    expect(pdf.info).toMatchObject({ Title: 'Chargeback evidence — case dp_1234', Keywords: expect.stringContaining('dp_1234'), Author: 'Acme Themes' });
  });

  it('names in each page’s font resources only fonts its text is set in, each font under as few names as it is switched to', async () => {
    const doc = await PDFDocument.load(await readFile(shared.pdf));
    for (const [n, page] of doc.getPages().entries()) {
      const fonts = page.node.Resources()!.lookup(PDFName.of('Font'), PDFDict);
      const names = fonts.keys().map((k) => k.asString());
      const contents = page.node.Contents();
      const streams = contents instanceof PDFArray ? contents.asArray() : [contents!];
      const text = streams
        .map((ref) => doc.context.lookup(ref as PDFRef) as PDFStream)
        .map((stream) => Buffer.from(inflateSync((stream as PDFRawStream).contents)).toString('latin1'))
        .join('\n');
      const used = [...text.matchAll(/(\/[^\s/]+) [\d.]+ Tf/g)].map((m) => m[1]!);
      // Every name is used, and a font gets a new name only where the text switches to it
      // (pdf-lib, given a font for each string, names it anew for each string).
      expect(new Set(used), `page ${n + 1}`).toEqual(new Set(names));
      const fontOf = (name: string) => String(fonts.get(PDFName.of(name.slice(1))));
      const switches = used.filter((name, i) => i === 0 || fontOf(used[i - 1]!) !== fontOf(name)).length;
      expect(used.length, `page ${n + 1}`).toBeGreaterThan(2);
      expect(names.length, `page ${n + 1}`).toBeLessThanOrEqual(switches);
    }
  });

  it('writes Stripe’s evidence text fields next to the PDF', async () => {
    const { built, fieldsPath } = await withFields('sample');
    expect(built.code, built.stderr).toBe(0);
    const fields = JSON.parse(await readFile(fieldsPath, 'utf8'));
    expect(fields).toMatchObject({ customer_name: 'Jane Doe', customer_email_address: 'jane.doe@example.com' });
    expect(fields.product_description).toContain('Aurora WordPress theme');
    expect(fields.uncategorized_text).toContain('• Exhibit 1, 2024-03-05 14:12:08 UTC+00:00');
  });

  it('counts the Stripe text fields against the page limit, as Stripe does, when they are written', async () => {
    const dir = await tempDir();
    const pages = (JSON.parse(await readFile(shared.report, 'utf8')) as { output: { pages: number } }).output.pages;
    // The test can fail: the roomy packet alone fills the limit exactly, so with the fields written
    // it must be laid out in fewer pages (compact, packed) to leave them room.
    expect((await runCli(['build', SAMPLE_CASE, '-o', join(dir, 'q.pdf'), '--max-pages', String(pages)])).code).toBe(0);
    const fielded = await withFields('sample');
    expect(fielded.built.code, fielded.built.stderr).toBe(0);
    expect(fielded.pages).toBe(pages);
    const written = await PDFDocument.load(await readFile(fielded.pdf));
    expect(written.getPageCount()).toBeLessThan(pages);
    // Below what even the tightest layout and the fields need, the build stops and says both counts.
    const tooFew = await runCli(['build', SAMPLE_CASE, '-o', join(dir, 't.pdf'), '--max-pages', '4', '--stripe-evidence', join(dir, 'g.json')]);
    expect(tooFew.code).toBe(4);
    expect(tooFew.stderr).toMatch(
      /the packet needs \d+ pages, laid out as tightly as it can be, and the Stripe text fields about \d+ more as Stripe counts them/,
    );
  });

  it('keeps a wide capture on an upright page with landscape: false', async () => {
    const dir = await copyCase(SAMPLE_CASE);
    const yaml = await readFile(join(dir, 'case.yaml'), 'utf8');
    await writeFile(
      join(dir, 'case.yaml'),
      yaml.replace('  - file: screenshots/live-site.png\n', '  - file: screenshots/live-site.png\n    landscape: false\n'),
    );
    const sizes = async (out: string) => {
      const doc = await PDFDocument.load(await readFile(out));
      return doc.getPages().map((p) => (p.getWidth() > p.getHeight() ? 'landscape' : 'upright'));
    };
    // The test can fail: by default the live-site capture (the last exhibit) is on a landscape page.
    expect((await sizes(shared.pdf)).at(-2)).toBe('landscape');
    const out = join(await tempDir(), 'p.pdf');
    expect((await runCli(['build', dir, '-o', out])).code).toBe(0);
    expect((await sizes(out)).at(-2)).toBe('upright');
  });

  it('warns when a deadline has passed or is close, and fails on either only under --strict', async () => {
    const passed = await runCli(['check', SAMPLE_CASE, '--due', '2024-04-02T23:59:00-04:00']);
    expect(passed.code).toBe(0);
    expect(passed.stdout).toContain('warning DEADLINE_PASSED');
    expect((await runCli(['check', SAMPLE_CASE, '--due', '2024-04-02T23:59:00-04:00', '--strict'])).code).toBe(1);
    expect(passed.stdout).toContain('2024-04-03 04:59:00 UTC+01:00 Europe/London');
    const soon = new Date(Date.now() + 30 * 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const warned = await runCli(['check', SAMPLE_CASE, '--due', soon]);
    expect(warned.code).toBe(0);
    expect(warned.stdout).toMatch(/warning DEADLINE_SOON[\s\S]*due in (29|30) h/);
    expect((await runCli(['check', SAMPLE_CASE, '--due', soon, '--strict'])).code).toBe(1);
  });

  it('uses a custom template, and exits 2 naming an unknown placeholder', async () => {
    const dir = await copyCase(SAMPLE_CASE);
    await writeFile(join(dir, 'letter.md'), 'Dear reviewer,\n\n{{client.name}} owes {{amount}} ({{ticket}}).\n');
    await setManifestTemplate(dir, 'letter.md');
    const out = join(dir, 'p.pdf');
    const built = await runCli(['build', dir, '-o', out]);
    expect(built.code).toBe(0);
    expect(built.stderr).toContain('warning COVER_VALUE_MISSING  letter.md:3');
    expect((await readPdf(out)).pages[0]).toContain('Jane Doe owes USD 499.00 ([the support ticket id not given]).');
    await writeFile(join(dir, 'letter.md'), 'Dear reviewer,\n\n{{client.fullname}}\n');
    const bad = await runCli(['check', dir]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toContain('error COVER_UNKNOWN_PLACEHOLDER  letter.md:3');
    expect(bad.stdout).toContain('{{client.fullname}}');
  });

  it('renders a Markdown letter: bold in the bold face, italics, numbered lists keep their numbers, links print their address', async () => {
    const dir = await copyCase(SAMPLE_CASE);
    const letter = [
      '# Our response',
      '',
      'We delivered **every file on time**, as *the log shows*, to {{client.name}}.',
      'See [our terms](https://example.com/terms) and `ORDER-42`.',
      '',
      '3. first point',
      '4. second point',
      '   - a detail',
      '',
      '> Quoted from the order page.',
      '',
    ].join('\n');
    await writeFile(join(dir, 'letter.md'), letter);
    await setManifestTemplate(dir, 'letter.md');
    const out = join(dir, 'p.pdf');
    const built = await runCli(['build', dir, '-o', out]);
    expect(built.code).toBe(0);
    const lines = (await readPdfLines(out, 1)).map((l) => l.replace(/\s+/g, ' ').replace(/ ([,.])/g, '$1'));
    expect(lines.join(' ')).toContain(
      'We delivered every file on time, as the log shows, to Jane Doe. See our terms (https://example.com/terms) and ORDER-42.',
    );
    expect(lines).toContain('3. first point');
    expect(lines).toContain('4. second point');
    expect(lines).toContain('• a detail');
    expect(lines).toContain('Quoted from the order page.');
    const text = lines.join('\n');
    for (const mark of ['**', '](', '`', '> Quoted', '# Our']) expect(text).not.toContain(mark);
    const fonts = await readTextFonts(out, 1);
    const fontOf = (s: string) => fonts.find((f) => f.text.includes(s))?.font;
    expect(fontOf('every file on time')).toMatch(/EvidencePacketSans-Bold$/);
    expect(fontOf('the log shows')).toMatch(/EvidencePacketSans-Oblique$/);
    expect(fontOf('ORDER-42')).toMatch(/EvidencePacketMono$/);
    expect(fontOf('We delivered')).toMatch(/EvidencePacketSans$/);
  });

  it('names a template that cannot be found, from the flag or from case.yaml', async () => {
    const flag = await runCli(['check', SAMPLE_CASE, '--template', '/nonexistent/letter.md']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('error USAGE_TEMPLATE_NOT_FOUND: cannot read the template /nonexistent/letter.md (ENOENT)');
    const dir = await copyCase(SAMPLE_CASE);
    await setManifestTemplate(dir, 'letters/missing.md');
    const manifest = await runCli(['check', dir]);
    expect(manifest.code).toBe(2);
    expect(manifest.stdout).toContain('error MANIFEST_FILE_NOT_FOUND  case.yaml (template)');
    await setManifestTemplate(dir, '../outside.md');
    expect((await runCli(['check', dir])).stdout).toContain('error MANIFEST_PATH_OUTSIDE_CASE');
  });
});

describe('what the packet says about itself', () => {
  it('names each font subset with its six-letter tag, carries a trailer /ID and XMP metadata that agrees with the Info dictionary', async () => {
    const doc = await PDFDocument.load(await readFile(shared.pdf), { updateMetadata: false });
    const fonts = doc.context
      .enumerateIndirectObjects()
      .map(([, o]) => o)
      .filter(
        (o): o is PDFDict => o instanceof PDFDict && o.get(PDFName.of('Type')) === PDFName.of('Font') && o.get(PDFName.of('Subtype')) === PDFName.of('Type0'),
      )
      .map((f) => f.get(PDFName.of('BaseFont'))!.toString());
    for (const name of fonts) expect(name).toMatch(/^\/[A-Z]{6}\+EvidencePacket/);
    expect(fonts.map((name) => name.slice(8)).sort()).toEqual(['EvidencePacketMono', 'EvidencePacketSans', 'EvidencePacketSans-Bold']);
    const id = doc.context.trailerInfo.ID as PDFArray;
    expect(id.size()).toBe(2);
    expect(id.get(0).toString()).toMatch(/^<[0-9a-f]{32}>$/);
    expect(id.get(1).toString()).toBe(id.get(0).toString());
    const metadata = doc.context.lookup(doc.catalog.get(PDFName.of('Metadata'))) as PDFRawStream;
    const xmp = Buffer.from(metadata.getContents()).toString('utf8');
    expect(xmp.startsWith('<?xpacket begin="\uFEFF"')).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(xmp);
    const description = parsed['x:xmpmeta']['rdf:RDF']['rdf:Description'];
    expect(description['dc:title']['rdf:Alt']['rdf:li']['#text']).toBe(doc.getTitle());
    expect(description['dc:title']['rdf:Alt']['rdf:li']['#text']).toBe('Chargeback evidence — case dp_1234');
    expect(description['xmp:CreateDate']).toBe('2024-03-28T09:00:00Z');
    expect(doc.getCreationDate()?.toISOString()).toBe('2024-03-28T09:00:00.000Z');
    expect(description['pdf:Producer']).toBe(doc.getProducer());
    expect(description['xmpMM:DocumentID']).toBe(
      `uuid:${id.get(0).toString().slice(1, 9)}-${id.get(0).toString().slice(9, 13)}-${id.get(0).toString().slice(13, 17)}-${id.get(0).toString().slice(17, 21)}-${id.get(0).toString().slice(21, 33)}`,
    );
  });

  it('is tagged: headings, paragraphs and each exhibit’s described figure in a section of its own, read top down; the running head is an artifact', async () => {
    const out = shared.pdf;
    const flat = (node: StructNode | undefined): StructNode[] => (node ? [node, ...node.children.flatMap(flat)] : []);
    const cover = await readStructure(out, 1);
    expect(cover.tree?.role).toBe('Root');
    expect(cover.tree!.children[0]!.role).toBe('Document');
    const coverNodes = flat(cover.tree);
    expect(coverNodes.find((n) => n.role === 'H1')?.text).toBe('Chargeback evidence — case dp_1234');
    expect(coverNodes.filter((n) => n.role === 'H2').map((n) => n.text)).toEqual(['Response to dispute dp_1234']);
    expect(
      flat((await readStructure(out, 2)).tree)
        .filter((n) => n.role === 'H2')
        .map((n) => n.text),
    ).toEqual(['Index of exhibits']);
    // A paragraph's lines are one element.
    expect(
      coverNodes.some((n) => n.role === 'P' && /^Acme Themes contests the chargeback of USD 499.00 filed by Jane Doe.*order INV-0042\.$/.test(n.text)),
    ).toBe(true);
    expect(cover.artifacts).toEqual(expect.arrayContaining(['Case dp_1234', 'page 1 of 7']));
    expect(coverNodes.some((n) => n.text.includes('page 1 of 7'))).toBe(false);

    const exhibit = await readStructure(out, 3);
    const sections = flat(exhibit.tree).filter((n) => n.role === 'Sect');
    expect(sections).toHaveLength(1);
    // The caption band's heading and lines, then the picture they describe, read top down.
    expect(sections[0]!.children.map((n) => n.role)).toEqual(['H2', 'P', 'Figure']);
    const [heading, caption, figure] = sections[0]!.children;
    expect(heading).toMatchObject({ text: 'Exhibit 1 of 4 · Screenshot · screenshots/Screenshot_20240305-141208.png' });
    expect(caption!.text).toMatch(/^Date: 2024-03-05 14:12:08 UTC\+00:00/);
    expect(figure!.alt).toMatch(/^Exhibit 1 · 2024-03-05 .*Client orders the customised theme/);
    // The screenshot's OCR text layer lies inside its figure, not beside it as a paragraph.
    expect(figure!.text).toContain('Aurora');
  });
});
