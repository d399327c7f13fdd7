import { describe, expect, it } from 'vitest';
import type { OcrText, Party } from '../../src/evidence/model.js';
import { dateFromOcr, findVisibleFacts, textHeightPx } from '../../src/rules/visible-facts.js';

const ocr = (...lines: string[]): OcrText => ({
  text: lines.join('\n'),
  lines: lines.map((text, i) => ({ text, confidence: 90, bbox: [0, i * 30, 400, 20 + i] as const })),
  cached: false,
});
const client: Party = {
  name: { value: 'Jane Doe', source: 'case.yaml' },
  email: { value: 'jane.doe@example.com', source: 'case.yaml' },
  aliases: ['Jane D', '+44 7700 900123'],
};

describe('findVisibleFacts', () => {
  it('finds name, email and time as written', () => {
    expect(findVisibleFacts(ocr('Jane Doe <jane.doe@example.com>', 'Thu, 14 Mar 2024, 10:21'), client)).toEqual({ name: true, email: true, date: true });
  });

  it('tolerates OCR noise in the email: rn for m, a lost dot, spaces, © for @', () => {
    for (const seen of ['jane.doe@exarnple.com', 'jane.doe@examplecom', 'jane doe © example . com', 'jane.d0e@example.corn']) {
      expect(findVisibleFacts(ocr(seen), client).email, seen).toBe(true);
    }
    expect(findVisibleFacts(ocr('john.doe@example.com'), client).email).toBe(false);
  });

  it('recognises the client by an alias or a phone number spaced differently, not by a part of a word', () => {
    expect(findVisibleFacts(ocr('Jane D: ok'), client).name).toBe(true);
    expect(findVisibleFacts(ocr('+447700900123 typing…'), client).name).toBe(true);
    expect(findVisibleFacts(ocr('Janet Doerr'), client).name).toBe(false);
    expect(findVisibleFacts(ocr('Jané Doe'), client).name).toBe(true);
  });

  it('knows dates and times in the shapes apps show them, and their absence', () => {
    for (const seen of ['10:22 AM', '14/03/2024', 'Mar 14', '14 March', 'Yesterday', '2024-03-14']) {
      expect(findVisibleFacts(ocr(seen), client).date, seen).toBe(true);
    }
    expect(findVisibleFacts(ocr('Approved. Thank you!', 'Order 4412'), client).date).toBe(false);
  });
});

describe('dateFromOcr', () => {
  it('reads a full date with its time, in the case zone', () => {
    expect(dateFromOcr(ocr('Re: theme', 'Thu, 14 Mar 2024, 10:21'), 'Europe/London')).toMatchObject({
      source: 'ocr',
      epochMs: Date.UTC(2024, 2, 14, 10, 21),
      precision: 'minute',
      text: '"14 Mar 2024, 10:21" read in the image',
    });
    expect(dateFromOcr(ocr('March 5, 2024 at 2:12 PM'), 'UTC')?.epochMs).toBe(Date.UTC(2024, 2, 5, 14, 12));
    expect(dateFromOcr(ocr('2024-03-14'), undefined)).toMatchObject({ precision: 'day', epochMs: Date.UTC(2024, 2, 14) });
  });

  it('does not guess a numeric date whose day and month could swap, nor a time alone', () => {
    expect(dateFromOcr(ocr('03/04/2024 10:00'), 'UTC')).toBeUndefined();
    expect(dateFromOcr(ocr('10:22'), 'UTC')).toBeUndefined();
    expect(dateFromOcr(ocr('14/03/2024 10:00'), 'UTC')?.epochMs).toBe(Date.UTC(2024, 2, 14, 10));
  });
});

describe('textHeightPx', () => {
  it('takes the median height of confidently read lines', () => {
    expect(textHeightPx(ocr('one line', 'two lines', 'three'))).toBe(21);
    expect(textHeightPx({ text: '', lines: [], cached: false })).toBeUndefined();
  });
});
