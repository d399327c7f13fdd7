import type { CheckResult } from './check-result.js';
import { formatGithub } from './github.js';
import { checkToJson } from './json.js';
import { formatJunit } from './junit.js';
import type { Style } from './style.js';
import { formatCheckText } from './text.js';

/** What a check reporter may need besides the result. */
export interface CheckReportContext {
  /** Warnings count as failures (junit). */
  readonly strict: boolean;
  /** Only errors, and the verdict when there are any (text). */
  readonly quiet: boolean;
  /** The case folder as CI names files: relative to where it runs, forward slashes (github). */
  readonly casePath: string;
  readonly style: Style;
}

export type CheckReporter = (check: CheckResult, context: CheckReportContext) => string;

/** `check --format <name>`: each turns a check into the text written to stdout. */
export const CHECK_REPORTERS = {
  text: (check, { quiet, style }) => formatCheckText(check, { quiet, style }),
  json: (check) => `${JSON.stringify(checkToJson(check), null, 2)}\n`,
  junit: (check, { strict }) => withNewline(formatJunit(check, { strict })),
  github: (check, { casePath }) => withNewline(formatGithub(check, { casePath })),
} satisfies Record<string, CheckReporter>;

export type CheckFormat = keyof typeof CHECK_REPORTERS;
export const CHECK_FORMATS = Object.keys(CHECK_REPORTERS) as CheckFormat[];

function withNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
