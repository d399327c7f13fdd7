import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { cjkContextOf, cjkCovers } from '../../src/document/fonts/cjk-fonts.js';
import { loadFonts } from '../../src/document/fonts/load-fonts.js';

/** The area an outline fills (contours' signed areas summed, end points joined by straight lines: near enough to compare weights). */
function inkOf(commands: readonly { command: string; args: number[] }[]): number {
  let total = 0;
  let start: [number, number] = [0, 0];
  let prev: [number, number] = [0, 0];
  const edge = (p: [number, number]) => {
    total += prev[0] * p[1] - p[0] * prev[1];
    prev = p;
  };
  for (const { command, args } of commands) {
    if (command === 'moveTo') {
      edge(start);
      start = prev = [args[0]!, args[1]!];
    } else if (command === 'closePath') edge(start);
    else edge([args[args.length - 2]!, args[args.length - 1]!]);
  }
  edge(start);
  return Math.abs(total) / 2;
}

describe('Chinese, Japanese and Korean fonts', () => {
  it('tells the language of a line by its kana or hangul, and knows coverage without reading a font', () => {
    expect(cjkContextOf('文件已经收到')).toBe('zh');
    expect(cjkContextOf('問題なく動いています')).toBe('ja');
    expect(cjkContextOf('정상적으로 작동합니다')).toBe('ko');
    for (const ch of '您好ファイル파일ー、。') expect([ch, cjkCovers(ch.codePointAt(0)!)]).toEqual([ch, true]);
    expect(cjkCovers(0x0e01)).toBe(false); // Thai ko kai: not theirs
  });

  it('sets Han in the font of the line’s language, kana in Japanese and hangul in Korean, once made ready', async () => {
    const fonts = await loadFonts();
    const family = (text: string, ch: string) =>
      fonts
        .runs(text, 'regular')
        .find((r) => r.text.includes(ch))
        ?.fallback?.name.replace(/-\w+$/, '');
    // Not made ready yet: no font for it, rather than a wrong one.
    expect(family('龍', '龍')).toBeUndefined();
    await fonts.prepare(['龍', '龍のファイル', '파일 龍']);
    expect(family('龍', '龍')).toBe('NotoSansSC');
    expect(family('龍のファイル', '龍')).toBe('NotoSansJP');
    expect(family('龍のファイル', 'フ')).toBe('NotoSansJP');
    expect(family('파일 龍', '파')).toBe('NotoSansKR');
    expect(family('파일 龍', '龍')).toBe('NotoSansKR');
  });

  it('draws the bold weight bolder than the regular, both as static subset fonts pdf-lib measures as it draws', async () => {
    const fonts = await loadFonts();
    const text = '客户确认主题可以正常使用';
    await fonts.prepare([text]);
    const regular = fonts.runs(text, 'regular');
    const bold = fonts.runs(text, 'bold');
    expect(regular.every((r) => r.fallback && !r.fallback.name.includes('Bold'))).toBe(true);
    expect(bold.every((r) => r.fallback?.name.includes('-Bold-'))).toBe(true);
    // The same glyph drawn heavier: its outline encloses more ink in the bold instance.
    const ink = (run: (typeof regular)[number]) =>
      inkOf((run.fallback!.font.layout(run.text).glyphs[0]!.path as unknown as { commands: { command: string; args: number[] }[] }).commands);
    expect(ink(bold[0]!)).toBeGreaterThan(ink(regular[0]!) * 1.3);
    const doc = await PDFDocument.create();
    doc.registerFontkit(fonts.fontkit);
    for (const run of [...regular, ...bold]) {
      const font = await doc.embedFont(run.fallback!.bytes, { subset: true });
      expect(fonts.measure(run.text, 10, bold.includes(run) ? 'bold' : 'regular')).toBeCloseTo(font.widthOfTextAtSize(run.text, 10), 6);
    }
  });
});
