import { describe, expect, it } from 'vitest';
import { visualRuns } from '../../src/document/text/bidi.js';

describe('visualRuns', () => {
  it('leaves a line without right-to-left letters whole', () => {
    expect(visualRuns('Approved, thanks! 2024-03-14')).toEqual([{ text: 'Approved, thanks! 2024-03-14', rtl: false }]);
  });

  it('keeps Latin words and numbers in a right-to-left line left to right, in the order a reader sees the runs', () => {
    // Arabic first: the line is right to left, so the Latin word at its logical end stands at the left.
    const arabic = visualRuns('شكرا جزيلا SENTINEL-A2');
    expect(arabic.map((r) => [r.text.trim(), r.rtl]).filter(([t]) => t !== '')).toEqual([
      ['SENTINEL-A2', false],
      ['شكرا جزيلا', true],
    ]);
    // Hebrew around a number: the number's digits stay in their order, the words swap sides.
    const hebrew = visualRuns('שלום 2022 עולם');
    expect(hebrew.filter((r) => r.text.trim() !== '').map((r) => [r.text.trim(), r.rtl])).toEqual([
      ['עולם', true],
      ['2022', false],
      ['שלום', true],
    ]);
    // Latin first: left to right, the Arabic run after it.
    expect(visualRuns('SENTINEL-A1 مرحبا').map((r) => [r.text, r.rtl])).toEqual([
      ['SENTINEL-A1 ', false],
      ['مرحبا', true],
    ]);
  });
});
