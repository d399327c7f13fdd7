import { relative, resolve, sep } from 'node:path';
import { formatBytes } from '../../budget/profiles.js';
import { checkCase } from '../../pipeline/check.js';
import type { SizeEstimate } from '../../budget/estimate.js';
import { formatGithub } from '../../reporters/github.js';
import { formatJunit } from '../../reporters/junit.js';
import { caseOptionsFromFlags, type CaseFlags } from '../case-flags.js';
import { checkToJson, countFindings, formatExhibitList, formatFindings, print, stdoutColors } from '../output.js';

export interface CheckFlags extends CaseFlags {
  format?: 'text' | 'json' | 'junit' | 'github';
}

/** "size: about 3.9 MB with every image sharp, 2.1 MB at the legibility floor; limit 4.50 MB (…)". */
function describeSize(size: SizeEstimate): string {
  const fits = size.sharp <= size.limit ? 'fits with every image sharp' : size.floor <= size.limit ? 'some images will be reduced to fit' : 'over the limit even at the floor';
  return `size: about ${formatBytes(size.sharp)} with every image sharp (screenshots in 16 colours as captured, photos JPEG q65 at 200 dpi), ${formatBytes(size.floor)} at the legibility floor; limit ${formatBytes(size.limit)} (${fits})`;
}

export async function runCheck(dir: string, flags: CheckFlags): Promise<number> {
  const result = await checkCase(dir, caseOptionsFromFlags(flags));
  if (flags.json || flags.format === 'json') {
    print(JSON.stringify(checkToJson(result), null, 2));
    return result.exitCode;
  }
  if (flags.format === 'junit') {
    print(formatJunit(result, { strict: flags.strict ?? false }));
    return result.exitCode;
  }
  if (flags.format === 'github') {
    // Annotations name files from where the workflow runs (the repository root).
    const casePath = relative(process.cwd(), resolve(dir)).split(sep).join('/') || '.';
    print(formatGithub(result, { casePath }));
    return result.exitCode;
  }
  const c = stdoutColors;
  const { info, limits } = result.analysis;
  const shown = flags.quiet ? result.findings.filter((f) => f.severity === 'error') : result.findings;
  if (!flags.quiet) {
    const pages = result.plan ? `${result.plan.pages.length} pages` : 'no pages';
    print(`${c.bold(`case ${info.id}`)} · ${result.exhibits.length} exhibit(s) · ${pages} · profile ${limits.profile}`);
    if (result.size) print(describeSize(result.size));
    if (result.exhibits.length > 0) print(formatExhibitList(result, c));
    print('');
  }
  if (shown.length > 0) print(formatFindings(shown, c) + '\n');
  if (!flags.quiet || result.exitCode !== 0) {
    const verdict = result.exitCode === 0 ? c.green('ready to build') : c.red('not ready');
    print(`${countFindings(result.findings)} — ${verdict}`);
  }
  return result.exitCode;
}
