import { Command, CommanderError } from 'commander';
import { configureImageRuntime } from '../io/image-runtime.js';
import { VERSION } from '../version.js';
import type { CommandContext, RegisterCommand } from './command.js';
import { registerBatch } from './commands/batch.js';
import { registerBuild } from './commands/build.js';
import { registerCapture } from './commands/capture.js';
import { registerCheck } from './commands/check.js';
import { registerCompletion } from './commands/completion.js';
import { registerFormats } from './commands/formats.js';
import { registerInit } from './commands/init.js';
import { registerProfiles } from './commands/profiles.js';
import { registerStripe } from './commands/stripe.js';
import { printJson, reportFailure, type GlobalFlags } from './output.js';
import { removePendingTemps } from '../io/write-atomic.js';

const EXIT_HELP = `
Exit codes:
  0   ok
  1   problems found (errors, or warnings with --strict)
  2   usage, manifest or input error
  3   file-system error
  4   the size or page budget cannot be met
  70  internal error (please report)`;

/** Every command, in the order `--help` lists them; each file declares its own flags. */
const COMMANDS: readonly RegisterCommand[] = [
  registerInit,
  registerCheck,
  registerBuild,
  registerBatch,
  registerStripe,
  registerCapture,
  registerProfiles,
  registerFormats,
  registerCompletion,
];

/** Builds the command tree; the heavy modules a command needs load when it runs. */
function makeProgram(context: CommandContext, json: boolean): Command {
  const program = new Command('evidence-packet')
    // Under --json a flag commander rejects is printed as JSON (below), not as text on stderr.
    .configureOutput({ ...(json ? { writeErr: () => undefined } : {}) })
    .description('Turn a folder of dispute evidence into one chronological, annotated, size-limited PDF for a chargeback response.')
    .version(VERSION, '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', EXIT_HELP)
    .exitOverride();
  for (const register of COMMANDS) register(program, context);
  return program;
}

/**
 * Leptonica, inside tesseract.js's WebAssembly, prints its complaints about a grainy image
 * ("Error in pixScanForForeground: invalid box") straight to the OCR worker's stderr, which
 * Node forwards to ours; the reading goes on unharmed. Those lines, and only those, are dropped.
 */
const LEPTONICA_NOISE = /^(?:Error in [A-Za-z]+: [^\n]*\n)+$/;
export const isOcrEngineNoise = (chunk: unknown): boolean => (typeof chunk === 'string' || Buffer.isBuffer(chunk)) && LEPTONICA_NOISE.test(chunk.toString());
function quietOcrEngine(): void {
  const write = process.stderr.write.bind(process.stderr) as (chunk: unknown, ...rest: unknown[]) => boolean;
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => (isOcrEngineNoise(chunk) ? true : write(chunk, ...rest))) as typeof process.stderr.write;
}

/**
 * Told to stop (SIGTERM, SIGINT, SIGHUP), or left by the process that started this one (the
 * launcher in bin/, killed with SIGKILL): temporary files being written are removed and the
 * process ends, so no packet is written after its command was stopped.
 */
/** Set by the launcher (bin/launch.js) in the environment of the worker it starts. */
const LAUNCHED_WORKER = 'EVIDENCE_PACKET_WORKER';

function stopCleanly(): void {
  const stop = (signal: NodeJS.Signals) => {
    removePendingTemps();
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(signal, stop);
  // Started by the launcher with a channel to it (bin/launch.js sets the variable).
  const launched = process.env[LAUNCHED_WORKER] === '1';
  // Not passed on: a process this one starts (batch's builds) has no channel to it.
  delete process.env[LAUNCHED_WORKER];
  if (!launched) return;
  // The launcher may have died while this process was still loading: the channel is gone already.
  if (!process.connected) {
    stop('SIGTERM');
    return;
  }
  process.channel?.unref();
  process.once('disconnect', () => stop('SIGTERM'));
}

/** The only place that sets the process's exit code. */
export async function main(argv: readonly string[]): Promise<void> {
  configureImageRuntime();
  quietOcrEngine();
  // `evidence-packet check | head`: a reader that goes away is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  stopCleanly();
  const flagsSeen: GlobalFlags[] = [];
  let exitCode = 0;
  const json = argv.includes('--json');
  const program = makeProgram(
    {
      // commander calls an action with the arguments, then the flags, then the command.
      action:
        (run) =>
        async (...args) => {
          flagsSeen.push((args[args.length - 2] ?? {}) as GlobalFlags);
          exitCode = await run(...args);
        },
    },
    json,
  );
  try {
    // -V as well as -v: both are common, and commander takes one short flag for the version.
    await program.parseAsync(argv.map((a) => (a === '-V' ? '-v' : a)));
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; anything else commander rejects is a usage error.
      exitCode = error.exitCode === 0 ? 0 : 2;
      if (exitCode !== 0 && json) {
        const message = error.message.replace(/^error: /, '');
        printJson({
          ok: false,
          exitCode,
          error: { code: 'USAGE_BAD_ARGUMENTS', message, hint: 'Run the command with --help for its flags.', exitCode, commander: error.code },
        });
      }
    } else {
      exitCode = reportFailure(error, flagsSeen[0] ?? { json: argv.includes('--json') });
    }
  }
  process.exitCode = exitCode;
}
