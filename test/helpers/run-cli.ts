import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error bin/ is plain JavaScript
import { LAUNCH_ENV, LAUNCH_V8_FLAGS } from '../../bin/launch.js';
import { BIN } from './paths.js';

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export const TEST_CACHE = join(tmpdir(), 'evidence-packet-test-cache');
/** No user config unless a test writes one here: the developer's own never leaks in. */
export const TEST_CONFIG = join(tmpdir(), 'evidence-packet-test-config-none');

/**
 * Runs the built bin as a user's run does its work, without colour and without a TTY: as the
 * process the launcher would start (its V8 flags and MALLOC_ARENA_MAX, which tells the bin not to
 * start another), so that each run costs one Node start, not two. The launcher itself is tested
 * where it matters, on signals (hostile-signals.test.ts) and on the packed package.
 */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    // OCR results are cached across tests and runs, away from the user's own cache.
    const env: Record<string, string | undefined> = {
      ...process.env,
      NO_COLOR: '1',
      FORCE_COLOR: undefined,
      XDG_CACHE_HOME: TEST_CACHE,
      XDG_CONFIG_HOME: TEST_CONFIG,
      // The bundled OCR engine unless the run asks for the system's tesseract (EVIDENCE_PACKET_NATIVE_OCR=1).
      EVIDENCE_PACKET_NATIVE_OCR: process.env.EVIDENCE_PACKET_NATIVE_OCR ?? '0',
      MALLOC_ARENA_MAX: (LAUNCH_ENV as Record<string, string>).MALLOC_ARENA_MAX,
      ...options.env,
    };
    for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
    const child = spawn(process.execPath, [...(LAUNCH_V8_FLAGS as string[]), BIN, ...args], {
      cwd: options.cwd,
      env: env as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
