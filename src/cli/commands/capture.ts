import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CommandContext } from '../command.js';
import { addSharedFlags } from '../flags.js';
import { print, stdoutColors } from '../output.js';

export interface CaptureFlags {
  browser?: string;
  insecure?: boolean;
  warc?: boolean;
  json?: boolean;
  quiet?: boolean;
}

const EXAMPLES = `
Examples:
  evidence-packet capture https://janes-bakery.example/ ./case-dp_1234
  evidence-packet capture https://staging.example/ . --browser /usr/bin/chromium
  evidence-packet capture https://janes-bakery.example/ ./case-dp_1234 --warc

Writes a full-page PNG at a phone's and a laptop's width, each with a .capture.json beside it
(final URL, redirects, HTTP status and headers, TLS certificate, server IP, the instant in UTC,
the PNG's SHA-256); check and build read them into the exhibit's caption and the appendix.
--warc also writes each load's requests and responses as a WARC (ISO 28500, WARC/1.1) beside its
PNG, named with its SHA-256 in the .capture.json: the headers the browser sent and received, and
the bodies as the browser decoded them (not the bytes on the wire; the WARC's warcinfo says so).
Capture never runs during build: builds stay offline and reproducible.`;

export function registerCapture(program: Command, context: CommandContext): void {
  const command = program
    .command('capture')
    .argument('<url>', 'the live page to capture')
    .argument('[dir]', 'the case folder to write into', '.')
    .description('Load a live page in the system’s Chromium and write it into the case as evidence, with its provenance.')
    .option('--browser <path>', 'the Chromium or Chrome to drive (default: chromium, chromium-browser or google-chrome on PATH)')
    .option('--insecure', 'load the page even when its certificate is not trusted (the record says so)')
    .option('--warc', 'also write a WARC of each page load (requests, responses, decoded bodies) beside its PNG');
  addSharedFlags(command, ['json', 'quiet']).addHelpText('after', EXAMPLES).action(context.action(runCapture));
}

export async function runCapture(url: string, dir: string, flags: CaptureFlags): Promise<number> {
  const { findBrowser } = await import('../../capture/find-browser.js');
  const { capturePage } = await import('../../capture/capture-page.js');
  const { describeCapture } = await import('../../evidence/capture-record.js');
  const browser = findBrowser(flags.browser);
  const result = await capturePage(url, resolve(dir), { browser, insecure: flags.insecure === true, warc: flags.warc === true });
  if (flags.json) {
    print(JSON.stringify(result, null, 2));
    return 0;
  }
  if (flags.quiet) return 0;
  for (const record of result.records) {
    const warc = record.warc ? `\n  WARC ${record.warc.file} (SHA-256 ${record.warc.sha256})` : '';
    print(`${stdoutColors.bold(record.image.file)}\n  ${describeCapture(record)}${warc}`);
  }
  return 0;
}
