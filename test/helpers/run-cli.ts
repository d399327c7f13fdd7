import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from './paths.js';

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export const TEST_CACHE = join(tmpdir(), 'evidence-packet-test-cache');
/** No user config unless a test writes one here: the developer's own never leaks in. */
export const TEST_CONFIG = join(tmpdir(), 'evidence-packet-test-config-none');

/** Runs the built bin the way a user does, without colour and without a TTY. */
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
      ...options.env,
    };
    for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
