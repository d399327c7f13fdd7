import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode, UsageError } from '../../src/errors.js';
import { describeFinding, FINDING_CODES, makeFinding } from '../../src/rules/codes.js';
import { REPO } from '../helpers/paths.js';

const findingsDoc = readFileSync(join(REPO, 'docs', 'findings.md'), 'utf8');

describe('codes', () => {
  it('types each finding code’s args, so a misspelt or missing arg does not compile', () => {
    // @ts-expect-error MANIFEST_DATE_INVALID carries `value`, not `date`
    makeFinding('MANIFEST_DATE_INVALID', { file: 'case.yaml' }, { date: '14 March' });
    // @ts-expect-error ITEM_DUPLICATE names the `other` file
    makeFinding('ITEM_DUPLICATE', { file: 'b.png' });
    const finding = makeFinding('ITEM_DUPLICATE', { file: 'b.png' }, { other: 'a.png' });
    expect(finding).toEqual({ code: 'ITEM_DUPLICATE', severity: 'warning', file: 'b.png', args: { other: 'a.png' } });
    expect(describeFinding(finding).message).toContain('a.png');
    expect(makeFinding('CASE_EMPTY').args).toEqual({});
  });

  it('types every thrown error’s code, each under the kind that sets its exit code', () => {
    // @ts-expect-error a budget code is not a usage error's
    expect(new UsageError('BUDGET_SIZE', 'x').exitCode).toBe(2);
    const all: ErrorCode[] = Object.values(ERROR_CODES).flat();
    expect(new Set(all).size).toBe(all.length);
  });

  it('documents every finding and error code in docs/findings.md (npm run docs writes it)', () => {
    const codes = [...Object.keys(FINDING_CODES), ...Object.values(ERROR_CODES).flat()];
    expect(codes.filter((code) => !findingsDoc.includes(`\`${code}\``))).toEqual([]);
  });
});
