import { maskText } from '../chat/sensitive.js';
import type { Finding } from '../evidence/model.js';
import type { CheckResult } from './check-result.js';
import { describeFinding } from '../rules/codes.js';
import { findingLocation } from './json.js';
import { groupFindings } from './group-findings.js';

export interface JunitOptions {
  /** Warnings fail their test case (as `--strict` makes them fail the check). */
  readonly strict: boolean;
}

/**
 * `check --format junit`: one test suite per case, one test case per source file and per
 * case rule. Errors (and warnings with --strict) are failures; the rest goes to system-out.
 */
/** Card numbers masked in all of it (file names, messages). */
export function formatJunit(check: CheckResult, options: Parameters<typeof formatJunitUnmasked>[1]): string {
  return maskText(formatJunitUnmasked(check, options));
}

function formatJunitUnmasked(check: CheckResult, options: JunitOptions): string {
  const id = check.analysis.info.id;
  const groups = groupFindings(check);
  const failing = (f: Finding) => f.severity === 'error' || (options.strict && f.severity === 'warning');
  const cases = groups.map((group) => {
    const failures = group.findings.filter(failing);
    const rest = group.findings.filter((f) => !failing(f));
    const classname = `${id}.${group.kind === 'file' ? 'files' : 'case'}`;
    const body = [
      ...failures.map((f) => {
        const text = describe(f);
        return `      <failure type="${attr(f.code)}" message="${attr(text.split('\n')[0]!)}">${text2xml(text)}</failure>`;
      }),
      ...(rest.length > 0 ? [`      <system-out>${text2xml(rest.map(describe).join('\n\n'))}</system-out>`] : []),
    ];
    const open = `    <testcase classname="${attr(classname)}" name="${attr(group.name)}" time="0"`;
    return { failed: failures.length > 0, xml: body.length === 0 ? `${open}/>` : `${open}>\n${body.join('\n')}\n    </testcase>` };
  });
  const failures = cases.filter((c) => c.failed).length;
  const { limits } = check.analysis;
  const properties = [
    ['profile', limits.profile],
    ...(limits.maxBytes !== undefined ? [['maxBytes', String(limits.maxBytes)]] : []),
    ...(limits.maxPages !== undefined ? [['maxPages', String(limits.maxPages)]] : []),
    ['predictedPages', String(check.plan?.pages.length ?? 0)],
    ['exitCode', String(check.exitCode)],
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="evidence-packet check" tests="${cases.length}" failures="${failures}" errors="0" time="0">`,
    `  <testsuite name="${attr(`case ${id}`)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="0">`,
    '    <properties>',
    ...properties.map(([name, value]) => `      <property name="${attr(name!)}" value="${attr(value!)}"/>`),
    '    </properties>',
    ...cases.map((c) => c.xml),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function describe(f: Finding): string {
  const { message, hint } = describeFinding(f);
  const where = findingLocation(f);
  return `${f.severity} ${f.code}${where ? ` ${where}` : ''}: ${message}\n→ ${hint}`;
}

/** XML 1.0 forbids most control characters even escaped: they are dropped. */
function clean(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

function text2xml(text: string): string {
  return clean(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(text: string): string {
  return text2xml(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
