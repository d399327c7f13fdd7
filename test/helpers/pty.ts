import { spawn, spawnSync } from 'node:child_process';
import { BIN } from './paths.js';
import { TEST_CACHE, TEST_CONFIG } from './run-cli.js';

/** util-linux `script` gives the child a real pseudo-terminal, so inquirer prompts as for a user. */
export const hasScript = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;

export interface PtySession {
  /** Waits for text matching `pattern` printed after the previous match, then types `keys`. */
  answer(pattern: RegExp, keys: string): Promise<void>;
  /** Waits for the program to end; resolves with its exit code and everything it printed. */
  done(): Promise<{ code: number | null; output: string }>;
}

function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function runInPty(args: string[], options: { cwd?: string; timeoutMs?: number; configHome?: string; cacheHome?: string } = {}): PtySession {
  const command = [process.execPath, BIN, ...args].map(shellQuote).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd: options.cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, XDG_CACHE_HOME: options.cacheHome ?? TEST_CACHE, XDG_CONFIG_HOME: options.configHome ?? TEST_CONFIG, NO_COLOR: "1", FORCE_COLOR: "0", TERM: 'xterm', COLUMNS: '200', LINES: '50' },
  });
  let output = '';
  let cursor = 0;
  child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const timeoutMs = options.timeoutMs ?? 15_000;
  return {
    async answer(pattern, keys) {
      const started = Date.now();
      for (;;) {
        const match = pattern.exec(output.slice(cursor));
        if (match) {
          cursor += match.index + match[0].length;
          child.stdin.write(keys);
          return;
        }
        if (Date.now() - started > timeoutMs || child.exitCode !== null) {
          child.kill();
          throw new Error(`no ${pattern} in the terminal; it showed:\n${output.slice(cursor).replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')}`);
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async done() {
      const code = await closed;
      return { code, output: output.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '') };
    },
  };
}
