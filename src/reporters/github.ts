import { maskText } from '../chat/sensitive.js';
import type { Finding } from '../evidence/model.js';
import type { CheckResult } from './check-result.js';
import { describeFinding } from '../rules/codes.js';

export interface GithubOptions {
  /** The case folder as the workflow sees it (relative to the repository root), forward slashes. */
  readonly casePath: string;
}

const COMMAND: Record<Finding['severity'], string> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * `check --format github`: one workflow command per finding, so GitHub shows it on the file
 * (and line) in the run's summary and in pull-request diffs.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
/** Card numbers masked in all of it (file names, messages). */
export function formatGithub(check: CheckResult, options: Parameters<typeof formatGithubUnmasked>[1]): string {
  return maskText(formatGithubUnmasked(check, options));
}

function formatGithubUnmasked(check: CheckResult, options: GithubOptions): string {
  const lines = check.findings.map((f) => {
    const { message, hint } = describeFinding(f);
    const file = f.file ?? check.analysis.info.manifestFile ?? undefined;
    const props = [
      ...(file !== undefined ? [`file=${property(joinPath(options.casePath, file))}`] : []),
      ...(f.file !== undefined && f.line !== undefined ? [`line=${f.line}`] : []),
      `title=${property(`${f.code}${f.path ? ` (${f.path})` : ''}`)}`,
    ];
    return `::${COMMAND[f.severity]} ${props.join(',')}::${data(`${message}\n→ ${hint}`)}`;
  });
  const count = (s: Finding['severity']) => check.findings.filter((f) => f.severity === s).length;
  // The case path is the input's too: a folder named with a line break and "::error" must not start a command.
  lines.push(`evidence-packet check ${data(options.casePath)}: ${count('error')} error(s), ${count('warning')} warning(s), exit ${check.exitCode}`);
  return lines.join('\n') + '\n';
}

function joinPath(dir: string, file: string): string {
  if (dir === '' || dir === '.') return file;
  return `${dir.replace(/\/+$/, '')}/${file}`;
}

function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
