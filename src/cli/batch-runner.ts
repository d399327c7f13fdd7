import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pLimit from 'p-limit';
import type { BatchCaseResult } from '../batch/batch-report.js';
import type { CaseFolder } from '../batch/find-cases.js';
import { fingerprintCase } from '../batch/fingerprint.js';
import { VERSION } from '../version.js';

const BIN = fileURLToPath(new URL('../../bin/evidence-packet.js', import.meta.url));

export interface BatchRunOptions {
  readonly out: string;
  readonly concurrency: number;
  readonly force: boolean;
  /** Flags passed to every `build` (profile, limits, zone, paper…). */
  readonly buildArgs: readonly string[];
  /** What of the options changes a packet: part of each case's fingerprint. */
  readonly fingerprintOptions: Record<string, unknown>;
  readonly previous: Map<string, BatchCaseResult>;
  /** SOURCE_DATE_EPOCH given to every build of the run. */
  readonly sourceDateEpoch?: string;
  readonly onStart?: (c: CaseFolder) => void;
  readonly onDone?: (result: BatchCaseResult) => void;
}

/**
 * Builds each case in its own process: one case that crashes or runs out of memory cannot
 * take the others down, and the cores are really used (sharp and the JavaScript work both).
 */
export async function runBatch(cases: readonly CaseFolder[], options: BatchRunOptions): Promise<BatchCaseResult[]> {
  // Every packet of a run is dated when the run started (unless SOURCE_DATE_EPOCH says
  // otherwise): the same inputs give the same bytes whichever worker built them, and when.
  const epoch = process.env.SOURCE_DATE_EPOCH ?? String(Math.floor(Date.now() / 1000));
  options = { ...options, sourceDateEpoch: epoch };
  const limit = pLimit(options.concurrency);
  return Promise.all(
    cases.map((c) =>
      limit(async () => {
        options.onStart?.(c);
        const result = await runOne(c, options);
        options.onDone?.(result);
        return result;
      }),
    ),
  );
}

async function runOne(c: CaseFolder, options: BatchRunOptions): Promise<BatchCaseResult> {
  const started = performance.now();
  const output = `${c.name}.pdf`;
  const target = join(options.out, output);
  const fingerprint = await fingerprintCase(c.absolutePath, VERSION, options.fingerprintOptions);
  const before = options.previous.get(c.path);
  const existing = await sha256Of(target);
  if (!options.force && before && before.status !== 'failed' && before.fingerprint === fingerprint && existing !== undefined && existing === before.sha256) {
    return { ...before, status: 'unchanged', exitCode: 0, timeMs: Math.round(performance.now() - started) };
  }
  const child = await spawnBuild(['build', c.absolutePath, '-o', target, '--json', ...options.buildArgs], options.sourceDateEpoch);
  const timeMs = Math.round(performance.now() - started);
  const base = { case: c.name, path: c.path, output, fingerprint, timeMs };
  let json: BuildJson | undefined;
  try {
    json = JSON.parse(child.stdout) as BuildJson;
  } catch {
    json = undefined;
  }
  if (!json) {
    const detail = child.stderr.trim().split('\n').slice(-3).join(' ') || `exit ${child.code ?? child.signal}`;
    return {
      ...base,
      status: 'failed',
      exitCode: 70,
      findings: [],
      error: { code: 'BATCH_CASE_CRASHED', message: `the build stopped without a result: ${detail}` },
      ...(existing ? { staleOutput: true } : {}),
    };
  }
  const findings = (json.findings ?? []).map((f) => ({
    code: f.code,
    severity: f.severity,
    ...(f.file !== undefined ? { file: f.file } : {}),
    ...(f.line !== undefined ? { line: f.line } : {}),
    message: f.message,
  }));
  const exitCode = json.exitCode ?? json.error?.exitCode ?? child.code ?? 70;
  if (json.ok && json.output) {
    return { ...base, status: 'built', exitCode: 0, pages: json.output.pages, bytes: json.output.bytes, sha256: json.output.sha256, findings };
  }
  return {
    ...base,
    status: 'failed',
    exitCode,
    findings,
    ...(json.error ? { error: { code: json.error.code, message: json.error.message, ...(json.error.hint ? { hint: json.error.hint } : {}) } } : {}),
    ...(existing ? { staleOutput: true } : {}),
  };
}

interface BuildJson {
  ok?: boolean;
  exitCode?: number;
  output?: { pages: number; bytes: number; sha256: string } | null;
  findings?: { code: string; severity: string; file?: string; line?: number; message: string }[];
  error?: { code: string; message: string; hint?: string; exitCode: number };
}

function spawnBuild(
  args: string[],
  sourceDateEpoch: string | undefined,
): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env, FORCE_COLOR: '0', ...(sourceDateEpoch ? { SOURCE_DATE_EPOCH: sourceDateEpoch } : {}) };
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', (error) => resolve({ code: null, signal: null, stdout: '', stderr: error.message }));
    child.on('close', (code, signal) => resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

async function sha256Of(path: string): Promise<string | undefined> {
  try {
    return createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
  } catch {
    return undefined;
  }
}
