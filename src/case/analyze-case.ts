import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import pLimit from 'p-limit';
import { isValidTimeZone, parseIsoDate } from '../evidence/dates.js';
import type { CaseInfo, DateFact, Exhibit, Fact, Finding, SourceFile } from '../evidence/model.js';
import { errnoCode, FileSystemError, UsageError } from '../errors.js';
import { adapterForExtension, detectFormat, SNIFF_BYTES } from '../formats/index.js';
import { DEFAULT_PROFILE, findProfile, PROFILE_NAMES, resolveLimits, type Limits } from '../budget/profiles.js';
import { makeFinding } from '../rules/codes.js';
import { bufferChunks } from '../chat/text.js';
import { maskCardNumbers } from '../chat/sensitive.js';
import { formatBytes } from '../budget/profiles.js';
import { parseSlackExport } from '../formats/slack/index.js';
import { checkCaseRules } from '../rules/case-rules.js';
import { joinPath, nodeCaseFs, type CaseFs } from '../io/case-fs.js';
import { discoverCaseFiles, MANIFEST_NAMES, toCaseRelative } from './discover-files.js';
import { formatKeyPath, lineOpt, parseManifest, type LoadedManifest } from './load-manifest.js';
import type { CaseManifest, ManifestItem } from '../evidence/manifest-schema.js';
import type { OcrEngine, OcrInput } from '../ocr/ocr-engine.js';
import type { FactCache } from '../io/fact-cache.js';

/** What the command line may say about a case; flags win over case.yaml. */
export interface CaseOptions {
  readonly caseId?: string;
  readonly clientName?: string;
  readonly clientEmail?: string;
  readonly profile?: string;
  readonly network?: string;
  readonly tz?: string;
  /** Response deadline, ISO 8601 (overrides case.yaml `due`). */
  readonly due?: string;
  /** A cover-letter template file (overrides case.yaml `template`). */
  readonly template?: string;
  readonly maxBytes?: number;
  readonly maxPages?: number;
  /** Absolute paths never read as evidence (the PDF and report being written). */
  readonly exclude?: readonly string[];
  readonly fs?: CaseFs;
  /** Reads the text in screenshots (to check what they show); none = OCR off. */
  readonly ocrEngine?: OcrEngine;
  /** Where facts derived from a file's bytes alone are kept between runs (see io/fact-cache.ts). */
  readonly cache?: FactCache;
  /** Files parsed at once (image decoding is the cost). */
  readonly concurrency?: number;
}

export interface CaseAnalysis {
  readonly info: CaseInfo;
  readonly limits: Limits;
  readonly exhibits: Exhibit[];
  readonly sources: SourceFile[];
  readonly findings: Finding[];
}

export async function analyzeCase(folder: string, options: CaseOptions = {}): Promise<CaseAnalysis> {
  const fs = options.fs ?? nodeCaseFs;
  const root = resolve(folder);
  await assertCaseFolder(fs, root);
  validateFlags(options);

  const loaded = await loadManifestFile(fs, root);
  const findings: Finding[] = [...(loaded?.findings ?? [])];
  const manifest: CaseManifest = loaded?.manifest ?? {};
  const manifestUsable = !loaded || loaded.manifest !== undefined;

  const discovered = await discoverCaseFiles(fs, root, options.exclude ? { exclude: options.exclude } : {});
  findings.push(...discovered.findings);

  const info = buildCaseInfo(root, loaded, manifest, options, findings);
  const itemsByFile = manifestUsable && loaded ? indexManifestItems(loaded, manifest, discovered.files, info, findings) : new Map();
  const profile = findProfile(info.profile) ?? findProfile(DEFAULT_PROFILE)!;
  const limits = resolveLimits(profile, {
    ...(info.network ? { network: info.network } : {}),
    ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
    ...(options.maxPages ? { maxPages: options.maxPages } : {}),
  });

  const sources: SourceFile[] = [];
  const exhibits: Exhibit[] = [];
  const bySha = new Map<string, string>();
  const limit = pLimit(Math.max(1, options.concurrency ?? 2));
  const slackFolders = findSlackFolders(discovered.files);
  const inFolder = new Set([...slackFolders.values()].flat());
  const results = await Promise.all([
    ...[...slackFolders].map(([folder, members]) =>
      limit(() => readSlackFolder(fs, root, folder, members, itemsByFile.get(`${folder}/`), info, loaded)),
    ),
    ...discovered.files
      .filter((file) => !inFolder.has(file))
      .map((file) => limit(() => readSource(fs, root, file, discovered.noteSidecars.get(file), itemsByFile.get(file), info, loaded, options.ocrEngine, options.cache))),
  ]);
  let clientEmail: Fact<string> | undefined;
  for (const result of results) {
    findings.push(...result.findings);
    sources.push(...(result.innerSources ?? []));
    clientEmail ??= result.clientEmail;
    if (!result.source) {
      exhibits.push(...result.exhibits);
      continue;
    }
    sources.push(result.source);
    const first = bySha.get(result.source.sha256);
    if (first !== undefined) {
      findings.push(makeFinding('ITEM_DUPLICATE', { file: result.source.file }, { other: first }));
      continue;
    }
    bySha.set(result.source.sha256, result.source.file);
    exhibits.push(...result.exhibits);
  }

  // Emails and helpdesks say who the client is: their address fills a gap in case.yaml.
  const withEmail: CaseInfo = !info.client.email && clientEmail ? { ...info, client: { ...info.client, email: clientEmail } } : info;
  if (manifestUsable) findings.push(...checkCaseRules(withEmail, exhibits, loaded));
  return { info: withEmail, limits, exhibits, sources, findings };
}

async function assertCaseFolder(fs: CaseFs, root: string): Promise<void> {
  let info;
  try {
    info = await fs.stat(root);
  } catch (error) {
    const code = errnoCode(error);
    throw new FileSystemError(
      'CASE_FOLDER_NOT_FOUND',
      code === 'ENOENT' ? `case folder not found: ${root}` : `cannot open the case folder ${root} (${code ?? String(error)})`,
      { hint: 'Pass the folder that holds the evidence, e.g. `evidence-packet check ./case-dp_1234`.' },
    );
  }
  if (!info.isDirectory) {
    throw new FileSystemError('CASE_FOLDER_NOT_A_FOLDER', `${root} is a file, not a case folder`, {
      hint: 'Pass the folder that holds the evidence and case.yaml.',
    });
  }
}

function validateFlags(options: CaseOptions): void {
  if (options.profile !== undefined && !findProfile(options.profile)) {
    throw new UsageError('USAGE_UNKNOWN_PROFILE', `unknown profile "${options.profile}"`, {
      hint: `Use one of: ${PROFILE_NAMES.join(', ')} (\`evidence-packet profiles\` shows their limits).`,
    });
  }
  if (options.tz !== undefined && !isValidTimeZone(options.tz)) {
    throw new UsageError('USAGE_BAD_TIMEZONE', `--tz "${options.tz}" is not an IANA time zone`, {
      hint: 'Use a zone name such as Europe/London or America/New_York.',
    });
  }
}

async function loadManifestFile(fs: CaseFs, root: string): Promise<LoadedManifest | undefined> {
  for (const name of MANIFEST_NAMES) {
    const path = joinPath(root, name);
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(path);
    } catch (error) {
      const code = errnoCode(error);
      if (code === 'ENOENT') continue;
      throw new FileSystemError('MANIFEST_UNREADABLE', `cannot read ${path} (${code ?? String(error)})`, {
        hint: 'Check the file’s permissions.',
      });
    }
    return parseManifest(name, bytes.toString('utf8'));
  }
  return undefined;
}

function fact<T>(value: T | undefined, source: string): Fact<T> | undefined {
  return value === undefined || value === '' ? undefined : { value, source };
}

function buildCaseInfo(
  root: string,
  loaded: LoadedManifest | undefined,
  manifest: CaseManifest,
  options: CaseOptions,
  findings: Finding[],
): CaseInfo {
  const manifestFile = loaded?.file;
  const where = (path: (string | number)[]) => ({
    file: manifestFile ?? '',
    path: formatKeyPath(path),
    ...lineOpt(loaded?.lineOf(path)),
  });

  let timezone: Fact<string> | undefined;
  if (options.tz) timezone = { value: options.tz, source: '--tz' };
  else if (manifest.timezone) {
    if (isValidTimeZone(manifest.timezone)) timezone = { value: manifest.timezone, source: 'case.yaml' };
    else findings.push(makeFinding('MANIFEST_TIMEZONE_INVALID', where(['timezone']), { value: manifest.timezone }));
  }

  let profile = options.profile ?? manifest.profile ?? DEFAULT_PROFILE;
  if (!findProfile(profile)) {
    findings.push(
      makeFinding('MANIFEST_INVALID_VALUE', where(['profile']), {
        detail: `profile "${profile}" is not one of ${PROFILE_NAMES.join(', ')}`,
      }),
    );
    profile = DEFAULT_PROFILE;
  }

  const manifestDate = (text: string | undefined, path: (string | number)[]): DateFact | undefined => {
    if (!text) return undefined;
    const parsed = parseIsoDate(text, 'manifest', timezone?.value);
    if (!parsed) findings.push(makeFinding('MANIFEST_DATE_INVALID', where(path), { value: text }));
    return parsed;
  };
  let due: DateFact | undefined;
  if (options.due !== undefined) {
    due = parseIsoDate(options.due, 'manifest', timezone?.value);
    if (!due) throw new UsageError('USAGE_BAD_DATE', `--due "${options.due}" is not a date and time`, { hint: 'Write it as ISO 8601, e.g. 2024-04-02T23:59:00-04:00.' });
  } else due = manifestDate(manifest.due, ['due']);
  const transactionDate = manifestDate(manifest.transaction?.date, ['transaction', 'date']);
  const serviceDate = manifestDate(manifest.serviceDate, ['serviceDate']);

  let template: Fact<string> | undefined;
  if (options.template !== undefined) template = { value: resolve(options.template), source: '--template' };
  else if (manifest.template) {
    const relative = toCaseRelative(manifest.template);
    if (relative === undefined) findings.push(makeFinding('MANIFEST_PATH_OUTSIDE_CASE', where(['template']), { value: manifest.template }));
    else template = { value: joinPath(root, relative), source: manifestFile ?? 'case.yaml' };
  }

  const source = manifestFile ?? 'flags';
  const name = options.clientName !== undefined ? fact(options.clientName.trim(), '--client-name') : fact(manifest.client?.name?.trim(), source);
  const email =
    options.clientEmail !== undefined ? fact(options.clientEmail.trim(), '--client-email') : fact(manifest.client?.email?.trim(), source);
  const network = options.network ?? manifest.network;
  return {
    id: options.caseId ?? manifest.case ?? basename(root),
    folder: root,
    ...(manifestFile ? { manifestFile } : {}),
    profile,
    ...(network ? { network } : {}),
    ...(manifest.reason ? { reason: manifest.reason } : {}),
    ...(manifest.amount !== undefined ? { amount: manifest.amount } : {}),
    ...(manifest.currency ? { currency: manifest.currency } : {}),
    ...(due ? { due } : {}),
    ...(manifest.transaction?.id || transactionDate
      ? { transaction: { ...(manifest.transaction?.id ? { id: manifest.transaction.id } : {}), ...(transactionDate ? { date: transactionDate } : {}) } }
      : {}),
    ...(manifest.order ? { order: manifest.order } : {}),
    ...(manifest.ticket ? { ticket: manifest.ticket } : {}),
    ...(manifest.product ? { product: manifest.product } : {}),
    ...(serviceDate ? { serviceDate } : {}),
    ...(template ? { template } : {}),
    ...(timezone ? { timezone } : {}),
    client: {
      ...(name ? { name } : {}),
      ...(email ? { email } : {}),
      aliases: manifest.client?.aliases ?? [],
    },
    merchant: { ...(manifest.merchant?.name ? { name: manifest.merchant.name } : {}), ...(manifest.merchant?.email ? { email: manifest.merchant.email } : {}) },
    ...(manifest.summary?.trim() ? { summary: maskCardNumbers(manifest.summary.trim()).text } : {}),
  };
}

interface IndexedItem {
  readonly item: ManifestItem;
  readonly index: number;
  readonly date?: DateFact;
}

function indexManifestItems(
  loaded: LoadedManifest,
  manifest: CaseManifest,
  files: readonly string[],
  info: CaseInfo,
  findings: Finding[],
): Map<string, IndexedItem> {
  const present = new Set(files);
  const byFile = new Map<string, IndexedItem>();
  (manifest.items ?? []).forEach((item, index) => {
    const where = (key: string) => {
      const path = ['items', index, key];
      return { file: loaded.file, path: formatKeyPath(path), ...lineOpt(loaded.lineOf(path)) };
    };
    const relative = toCaseRelative(item.file.replace(/\/+$/, ''));
    if (relative === undefined) {
      findings.push(makeFinding('MANIFEST_PATH_OUTSIDE_CASE', where('file'), { value: item.file }));
      return;
    }
    // A folder export (Slack) is named by its folder.
    const file = !present.has(relative) && files.some((f) => f.startsWith(`${relative}/`)) ? `${relative}/` : relative;
    if (!present.has(file) && !file.endsWith('/')) {
      findings.push(makeFinding('MANIFEST_FILE_NOT_FOUND', where('file'), { value: item.file }));
      return;
    }
    if (byFile.has(file)) {
      findings.push(makeFinding('MANIFEST_INVALID_VALUE', where('file'), { detail: `"${file}" is listed twice in items` }));
      return;
    }
    let date: DateFact | undefined;
    if (item.date) {
      date = parseIsoDate(item.date, 'manifest', info.timezone?.value);
      if (!date) findings.push(makeFinding('MANIFEST_DATE_INVALID', where('date'), { value: item.date }));
    }
    byFile.set(file, { item, index, ...(date ? { date } : {}) });
  });
  return byFile;
}

interface SourceResult {
  readonly source?: SourceFile;
  readonly exhibits: Exhibit[];
  readonly findings: Finding[];
  readonly innerSources?: SourceFile[];
  readonly clientEmail?: Fact<string>;
}

/** Files up to this size are read whole; larger ones are streamed (if their format allows). */
const WHOLE_FILE_BYTES = 32 * 1024 * 1024;
/** Largest file a format that needs the whole file (JSON, images) is read into memory. */
const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;

async function hashStream(chunks: AsyncIterable<Buffer>): Promise<{ sha256: string; bytes: number; sample: Buffer }> {
  const hash = createHash('sha256');
  let bytes = 0;
  const head: Buffer[] = [];
  let headBytes = 0;
  for await (const chunk of chunks) {
    hash.update(chunk);
    bytes += chunk.length;
    if (headBytes < SNIFF_BYTES) {
      head.push(chunk.subarray(0, SNIFF_BYTES - headBytes));
      headBytes += Math.min(chunk.length, SNIFF_BYTES - headBytes);
    }
  }
  return { sha256: hash.digest('hex'), bytes, sample: Buffer.concat(head) };
}

async function readSource(
  fs: CaseFs,
  root: string,
  file: string,
  sidecar: string | undefined,
  indexed: IndexedItem | undefined,
  info: CaseInfo,
  loaded: LoadedManifest | undefined,
  ocr: OcrEngine | undefined,
  cache: FactCache | undefined,
): Promise<SourceResult> {
  const absolutePath = joinPath(root, file);
  let bytes: Buffer | undefined;
  let sha256: string;
  let size: number;
  let sample: Buffer;
  try {
    const stat = await fs.stat(absolutePath);
    if (stat.size <= WHOLE_FILE_BYTES) {
      bytes = await fs.readFile(absolutePath);
      sha256 = createHash('sha256').update(bytes).digest('hex');
      size = bytes.length;
      sample = bytes.subarray(0, SNIFF_BYTES);
    } else {
      ({ sha256, bytes: size, sample } = await hashStream(fs.stream(absolutePath)));
    }
  } catch (error) {
    return { exhibits: [], findings: [makeFinding('ITEM_UNREADABLE', { file }, { detail: errnoCode(error) ?? String(error) })] };
  }
  const adapter = detectFormat(sample, file);
  const source: SourceFile = { file, absolutePath, bytes: size, sha256, ...(adapter ? { format: adapter.id } : {}) };
  if (!adapter) return { source, exhibits: [], findings: [unrecognised(file, sample, size)] };
  if (!bytes && !adapter.streams) {
    const max = adapter.maxBytes ?? DEFAULT_MAX_BYTES;
    if (size > max) {
      return { source, exhibits: [], findings: [makeFinding('ITEM_TOO_LARGE', { file }, { size: formatBytes(size), limit: formatBytes(max), format: adapter.label })] };
    }
    try {
      bytes = await fs.readFile(absolutePath);
    } catch (error) {
      return { source, exhibits: [], findings: [makeFinding('ITEM_UNREADABLE', { file }, { detail: errnoCode(error) ?? String(error) })] };
    }
  }

  let sidecarNote: { text: string; file: string } | undefined;
  if (sidecar) {
    const text = await fs.readFile(joinPath(root, sidecar)).then((b) => b.toString('utf8').trim(), () => '');
    if (text) sidecarNote = { text, file: sidecar };
  }
  const whole = bytes;
  const result = await adapter.parse({
    source,
    ...(whole ? { bytes: whole } : {}),
    open: () => (whole ? bufferChunks(whole) : fs.stream(absolutePath)),
    ...(info.timezone ? { timezone: info.timezone.value } : {}),
    ...(indexed ? { item: indexed.item } : {}),
    ...(indexed?.date ? { manifestDate: indexed.date } : {}),
    ...(sidecarNote ? { sidecarNote } : {}),
    client: info.client,
    ...(ocr ? { ocr: (input: OcrInput) => ocr.recognize(input) } : {}),
    ...(cache ? { cache } : {}),
  });
  return { source, ...result, findings: anchorFindings(result.findings, file, indexed, loaded) };
}

/** Adapters name manifest keys relative to the item; anchor them to case.yaml. */
function anchorFindings(findings: readonly Finding[], file: string, indexed: IndexedItem | undefined, loaded: LoadedManifest | undefined): Finding[] {
  return findings.map((f) => {
    if (f.path === undefined || !indexed || !loaded) return f;
    const path = ['items', indexed.index, ...f.path.split(/[.[\]]+/).filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p))];
    return { ...f, file: loaded.file, path: formatKeyPath(path), ...lineOpt(loaded.lineOf(path)), args: { ...f.args, item: file } };
  });
}

/**
 * An unpacked Slack export (a folder with users.json and channels.json) is one exhibit:
 * its files are hashed one by one for the appendix and read together.
 */
async function readSlackFolder(
  fs: CaseFs,
  root: string,
  folder: string,
  members: readonly string[],
  indexed: IndexedItem | undefined,
  info: CaseInfo,
  loaded: LoadedManifest | undefined,
): Promise<SourceResult> {
  const file = `${folder}/`;
  const memberSources: SourceFile[] = [];
  const tree = createHash('sha256');
  let total = 0;
  const cache = new Map<string, Buffer>();
  for (const member of [...members].sort()) {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(joinPath(root, member));
    } catch (error) {
      return { exhibits: [], findings: [makeFinding('ITEM_UNREADABLE', { file: member }, { detail: errnoCode(error) ?? String(error) })] };
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    tree.update(`${sha256}  ${member}\n`);
    total += bytes.length;
    cache.set(member.slice(file.length), bytes);
    memberSources.push({ file: member, absolutePath: joinPath(root, member), bytes: bytes.length, sha256, format: 'slack', partOf: file });
  }
  const source: SourceFile = { file, absolutePath: joinPath(root, folder), bytes: total, sha256: tree.digest('hex'), format: 'slack' };
  const result = await parseSlackExport(
    {
      source,
      open: () => bufferChunks(Buffer.alloc(0)),
      ...(info.timezone ? { timezone: info.timezone.value } : {}),
      ...(indexed ? { item: indexed.item } : {}),
      client: info.client,
    },
    { names: [...cache.keys()], read: async (name) => cache.get(name) ?? Buffer.alloc(0) },
    '',
  );
  return { ...result, innerSources: memberSources, findings: anchorFindings(result.findings, file, indexed, loaded) };
}

/** Folders under the case that hold a Slack export, with their files. */
function findSlackFolders(files: readonly string[]): Map<string, string[]> {
  const folders = new Map<string, string[]>();
  const roots = files
    .filter((f) => f.endsWith('/channels.json') && files.includes(f.replace(/channels\.json$/, 'users.json')))
    .map((f) => f.slice(0, -'/channels.json'.length));
  for (const rootDir of roots) folders.set(rootDir, files.filter((f) => f.startsWith(`${rootDir}/`)));
  return folders;
}

function unrecognised(file: string, bytes: Buffer, size: number): Finding {
  if (size === 0) return makeFinding('ITEM_UNREADABLE', { file }, { detail: 'the file is empty (0 bytes)' });
  const claimed = adapterForExtension(file);
  const looksText = !bytes.subarray(0, 4096).includes(0);
  const content = looksText ? 'text' : 'unrecognised binary data';
  if (claimed) {
    const ext = file.slice(file.lastIndexOf('.'));
    return makeFinding('ITEM_UNREADABLE', { file }, { detail: `named ${ext} but its content is ${content}, not ${claimed.label}` });
  }
  return makeFinding('ITEM_UNSUPPORTED', { file }, { detail: content });
}
