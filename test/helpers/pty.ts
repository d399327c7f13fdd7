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

export function runInPty(args: string[], options: { cwd?: string; configHome?: string; cacheHome?: string } = {}): PtySession {
  const command = [process.execPath, BIN, ...args].map(shellQuote).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd: options.cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: {
      ...process.env,
      XDG_CACHE_HOME: options.cacheHome ?? TEST_CACHE,
      XDG_CONFIG_HOME: options.configHome ?? TEST_CONFIG,
      EVIDENCE_PACKET_NATIVE_OCR: process.env.EVIDENCE_PACKET_NATIVE_OCR ?? '0',
      NO_COLOR: '1',
      FORCE_COLOR: '0',
      TERM: 'xterm',
      COLUMNS: '200',
      LINES: '50',
    },
  });
  let output = '';
  let cursor = 0;
  child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  let exited = false;
  void closed.then(() => (exited = true));
  /** Resolves at the next output or when the terminal closes: waiting is by events, never by a clock. */
  const next = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        child.stdout.off('data', done);
        child.stderr.off('data', done);
        resolve();
      };
      child.stdout.once('data', done);
      child.stderr.once('data', done);
      void closed.then(done);
    });
  return {
    async answer(pattern, keys) {
      for (;;) {
        const match = pattern.exec(output.slice(cursor));
        if (match) {
          cursor += match.index + match[0].length;
          child.stdin.write(keys);
          return;
        }
        if (exited) throw new Error(`no ${pattern} in the terminal; it showed:\n${output.slice(cursor).replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')}`);
        await next();
      }
    },
    async done() {
      const code = await closed;
      return { code, output: output.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '') };
    },
  };
}
