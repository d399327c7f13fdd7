import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/case/load-manifest.js';

const codes = (text: string, file = 'case.yaml') => parseManifest(file, text).findings.map((f) => [f.code, f.path ?? '', f.line ?? 0]);

describe('parseManifest', () => {
  it('accepts every key PRODUCT.md documents', () => {
    const result = parseManifest(
      'case.yaml',
      `case: dp_1234
profile: stripe
network: mastercard
reason: product_unacceptable
amount: 499.00
currency: usd
due: 2024-04-02T23:59:00-04:00
timezone: Europe/London
client:
  name: Jane Doe
  email: jane.doe@example.com
  aliases: ["Jane D", "+44 7700 900123"]
merchant: { name: Acme Themes, email: support@acme.dev }
summary: |
  Approved on 14 March.
items:
  - file: screenshots/approval.png
    date: 2024-03-14T10:22:00Z
    note: Client confirms the theme works
    highlight: [[40, 620, 900, 80]]
    redact: [[40, 900, 500, 40]]
    crop: [0, 400, 1170, 1400]
  - file: whatsapp.txt
    dateOrder: dmy
    select: { from: 2024-03-10, to: 2024-03-20, match: [approved, works], context: 2 }
    notes:
      - at: 2024-03-14T10:22
        note: Acknowledges delivery
`,
    );
    expect(result.findings).toEqual([]);
    expect(result.manifest?.currency).toBe('USD');
    expect(result.manifest?.amount).toBe(499);
    expect(result.manifest?.items?.[0]?.crop).toEqual([0, 400, 1170, 1400]);
  });

  it('names unknown keys with their key path and line', () => {
    expect(codes('case: x\nclient:\n  name: Jane\n  emial: j@x.com\nitems:\n  - file: a.png\n    notte: hi\n')).toEqual([
      ['MANIFEST_UNKNOWN_KEY', 'client.emial', 4],
      ['MANIFEST_UNKNOWN_KEY', 'items[0].notte', 7],
    ]);
  });

  it('reports a wrong type at the value’s line', () => {
    expect(codes('case: x\namount: lots\n')).toEqual([['MANIFEST_INVALID_VALUE', 'amount', 2]]);
    expect(codes('reason: angry_customer\n')[0]?.[0]).toBe('MANIFEST_INVALID_VALUE');
    expect(codes('items:\n  - file: a.png\n    crop: [0, 0, -5, 10]\n')).toEqual([['MANIFEST_INVALID_VALUE', 'items[0].crop[2]', 3]]);
  });

  it('reports YAML syntax errors and duplicate keys with the line', () => {
    const [syntax] = parseManifest('case.yaml', 'case: x\nclient: [unclosed\n').findings;
    expect(syntax?.code).toBe('MANIFEST_SYNTAX');
    expect(syntax?.line).toBeGreaterThanOrEqual(2);
    expect(codes('case: a\ncase: b\n')[0]?.[0]).toBe('MANIFEST_SYNTAX');
  });

  it('reads case.json with line numbers too', () => {
    expect(codes('{\n  "case": "x",\n  "clien": {}\n}\n', 'case.json')).toEqual([['MANIFEST_UNKNOWN_KEY', 'clien', 3]]);
  });

  it('refuses a manifest that is not a mapping', () => {
    expect(codes('- a\n- b\n')[0]?.[0]).toBe('MANIFEST_INVALID_VALUE');
  });

  it('maps line numbers of later key paths', () => {
    const loaded = parseManifest('case.yaml', 'case: x\nitems:\n  - file: a.png\n  - file: b.png\n    date: yesterday\n');
    expect(loaded.lineOf(['items', 1, 'date'])).toBe(5);
    expect(loaded.lineOf(['items', 1, 'missing'])).toBe(4);
  });
});
