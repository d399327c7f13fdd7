import { placeYamlHints } from './yaml-hint.js';
import { maskCardNumbers } from '../chat/sensitive.js';
import { resolve } from 'node:path';
import pLimit from 'p-limit';
import type { CaseInfo, Exhibit, Fact, Finding, SourceFile } from '../evidence/model.js';
import type { CaseManifest } from '../evidence/manifest-schema.js';
import { errnoCode, FileSystemError, UsageError } from '../errors.js';
import { adapterForExtension, findFolderExports } from '../formats/index.js';
import { DEFAULT_PROFILE, findProfile, resolveLimits, type Limits } from '../budget/profiles.js';
import { makeFinding } from '../rules/codes.js';
import { checkCaseRules } from '../rules/case-rules.js';
import { joinPath, nodeCaseFs, type CaseFs } from '../io/case-fs.js';
import type { FactCache } from '../io/fact-cache.js';
import type { OcrEngine } from '../ocr/ocr-engine.js';
import { phaseCounter, type ProgressListener } from '../evidence/progress.js';
import { buildCaseInfo, validateFlags, type CaseFactFlags } from './case-info.js';
import { discoverCaseFiles, type DiscoveredFiles, MANIFEST_NAMES } from './discover-files.js';
import { parseManifest, type LoadedManifest } from './load-manifest.js';
import { indexManifestItems, type IndexedItem } from './manifest-items.js';
import { readFolderExport, readSource, type ReadContext, type SourceResult } from './read-source.js';

/** What the command line may say about a case; flags win over case.yaml. */
export interface CaseOptions extends CaseFactFlags {
  readonly maxBytes?: number;
  readonly maxPages?: number;
  /** Absolute paths never read as evidence (the PDF and report being written). */
  readonly exclude?: readonly string[];
  readonly fs?: CaseFs;
  /** Reads the text in screenshots (to check what they show); none = OCR off. */
  readonly ocrEngine?: OcrEngine;
  /** Where facts derived from a file's bytes alone are kept between runs (see io/fact-cache.ts). */
  readonly cache?: FactCache;
  /** Files up to this size are read whole, larger ones streamed (read-source.ts); lowered by tests. */
  readonly wholeFileBytes?: number;
  /** Files parsed at once (image decoding is the cost). */
  readonly concurrency?: number;
  /** Told as each file is read and each image OCR'd. */
  readonly onProgress?: ProgressListener;
}

export interface CaseAnalysis {
  readonly info: CaseInfo;
  readonly limits: Limits;
  readonly exhibits: Exhibit[];
  readonly sources: SourceFile[];
  readonly findings: Finding[];
}

/** Reads the case folder: its facts, every file hashed and parsed into exhibits, and what is wrong. */
export async function analyzeCase(folder: string, options: CaseOptions = {}): Promise<CaseAnalysis> {
  const fs = options.fs ?? nodeCaseFs;
  const root = resolve(folder);
  await assertCaseFolder(fs, root);
  validateFlags(options);

  const loaded = await loadManifestFile(fs, root);
  // A case.yaml that does not parse: its one error, alone; the rest read without it would be noise.
  if (loaded?.syntaxError) {
    const info = buildCaseInfo(root, loaded, {}, options, []);
    return { info, limits: resolveLimits(findProfile(DEFAULT_PROFILE)!, {}), exhibits: [], sources: [], findings: [...loaded.findings] };
  }
  const findings: Finding[] = [...(loaded?.findings ?? [])];
  const manifest: CaseManifest = loaded?.manifest ?? {};
  const manifestUsable = !loaded || loaded.manifest !== undefined;

  const discovered = await discoverEvidence(fs, root, folder, loaded, manifest, options, findings);

  const info = buildCaseInfo(root, loaded, manifest, options, findings);
  const itemsByFile = manifestUsable && loaded ? indexManifestItems(loaded, manifest, discovered.files, info, findings) : new Map<string, IndexedItem>();
  const profile = findProfile(info.profile) ?? findProfile(DEFAULT_PROFILE)!;
  const limits = resolveLimits(profile, {
    ...(info.network ? { network: info.network } : {}),
    ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
    ...(options.maxPages ? { maxPages: options.maxPages } : {}),
  });

  const results = await readAll(fs, root, info, loaded, discovered, itemsByFile, options);
  const { exhibits, sources, clientEmail } = collectResults(results, findings);

  // Emails and helpdesks say who the client is: their address fills a gap in case.yaml.
  const withEmail: CaseInfo = !info.client.email && clientEmail ? { ...info, client: { ...info.client, email: clientEmail } } : info;
  if (manifestUsable) findings.push(...checkCaseRules(withEmail, exhibits, loaded));
  const caseFiles = new Set(discovered.files);
  const placed = placeYamlHints(findings, loaded?.text ?? '', (file) =>
    caseFiles.has(file) ? { ...(itemsByFile.get(file) ? { index: itemsByFile.get(file)!.index } : {}) } : undefined,
  );
  return { info: withEmail, limits, exhibits, sources, findings: placed };
}

/**
 * The files that may be evidence; none and no case.yaml is the wrong folder. A file named with a
 * card number is reported here, once.
 */
async function discoverEvidence(
  fs: CaseFs,
  root: string,
  folder: string,
  loaded: LoadedManifest | undefined,
  manifest: CaseManifest,
  options: CaseOptions,
  findings: Finding[],
): Promise<DiscoveredFiles> {
  // The case's own cover letter (named by --template or case.yaml) is not evidence.
  // (Resolved as case-info.ts resolves them: the flag from here, case.yaml's from the case.)
  const letter = options.template !== undefined ? [resolve(options.template)] : typeof manifest.template === 'string' ? [resolve(root, manifest.template)] : [];
  const exclude = [...(options.exclude ?? []), ...letter];
  const discovered = await discoverCaseFiles(fs, root, exclude.length ? { exclude } : {});
  // No case.yaml and nothing that could be evidence: the wrong folder, said once, at once.
  if (!loaded && !discovered.files.some((f) => adapterForExtension(f) !== undefined)) {
    const what = discovered.files.length === 0 ? 'no files' : `${discovered.files.length} file(s), none of a kind evidence-packet reads`;
    throw new UsageError('CASE_NOT_A_CASE', `no case here: ${folder} has no case.yaml and ${what}`, {
      hint: `Run \`evidence-packet init\` in the folder that holds the screenshots and exports (or pass that folder), and \`evidence-packet formats\` for what is read.`,
    });
  }
  findings.push(...discovered.findings);
  // A file named with a card number: the name is masked wherever it is shown (it is read as it is).
  for (const file of discovered.files) {
    const masked = maskCardNumbers(file);
    if (masked.masked.length > 0)
      findings.push(makeFinding('SENSITIVE_CARD_NUMBER', { file: masked.text }, { where: 'the file name', last4: masked.masked.join(', ') }));
  }
  return discovered;
}

/** Every folder export and loose file read into its source result, a few at a time. */
async function readAll(
  fs: CaseFs,
  root: string,
  info: CaseInfo,
  loaded: LoadedManifest | undefined,
  discovered: DiscoveredFiles,
  itemsByFile: ReadonlyMap<string, IndexedItem>,
  options: CaseOptions,
): Promise<SourceResult[]> {
  const folders = findFolderExports(discovered.files);
  const inFolder = new Set(folders.flatMap((f) => f.members));
  const loose = discovered.files.filter((file) => !inFolder.has(file));
  const ocr =
    options.ocrEngine && options.onProgress
      ? countingOcr(options.ocrEngine, phaseCounter(options.onProgress, 'ocr', loose.filter((f) => adapterForExtension(f)?.id === 'image').length))
      : options.ocrEngine;
  // A folder export's files are told one by one as they are read, as loose files are.
  const read = phaseCounter(options.onProgress, 'read', inFolder.size + loose.length);
  const ctx: ReadContext = {
    fs,
    root,
    info,
    place: loaded,
    ocr,
    cache: options.cache,
    ...(options.wholeFileBytes ? { wholeFileBytes: options.wholeFileBytes } : {}),
    onFileRead: read,
  };
  const limit = pLimit(Math.max(1, options.concurrency ?? 2));
  return Promise.all([
    ...folders.map(({ folder, format, members }) => limit(() => readFolderExport(ctx, format, folder, members, itemsByFile.get(folder ? `${folder}/` : './')))),
    ...loose.map((file) => limit(() => readSource(ctx, file, discovered.noteSidecars.get(file), itemsByFile.get(file)).finally(() => read(file)))),
  ]);
}

/** The engine, telling `step` as each image is read (from the cache or by OCR). */
function countingOcr(engine: OcrEngine, step: (file: string) => void): OcrEngine {
  return {
    recognize: (input) => engine.recognize(input).finally(() => step(input.file)),
    close: () => engine.close(),
  };
}

/** Every source's exhibits, once per content: a second file with the same bytes is a duplicate. */
function collectResults(results: readonly SourceResult[], findings: Finding[]): { exhibits: Exhibit[]; sources: SourceFile[]; clientEmail?: Fact<string> } {
  const sources: SourceFile[] = [];
  const exhibits: Exhibit[] = [];
  const bySha = new Map<string, string>();
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
  return { exhibits, sources, ...(clientEmail ? { clientEmail } : {}) };
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

/** A manifest longer than this is not one someone wrote (a link to /dev/zero, a runaway file). */
const MAX_MANIFEST_BYTES = 8 * 1024 * 1024;

async function loadManifestFile(fs: CaseFs, root: string): Promise<LoadedManifest | undefined> {
  for (const name of MANIFEST_NAMES) {
    const path = joinPath(root, name);
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(path, MAX_MANIFEST_BYTES);
    } catch (error) {
      const code = errnoCode(error);
      if (code === 'ENOENT') continue;
      throw new FileSystemError(
        'MANIFEST_UNREADABLE',
        `cannot read ${path} (${code === 'ENOTREGULAR' || code === 'ETOOLARGE' ? (error as Error).message : (code ?? String(error))})`,
        {
          hint: 'The manifest must be a regular file (not a pipe or a device) of at most 8 MB that you can read: check what it is and its permissions.',
        },
      );
    }
    return parseManifest(name, bytes.toString('utf8'));
  }
  return undefined;
}
