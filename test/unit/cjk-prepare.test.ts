import { describe, expect, it } from 'vitest';
import { cjkFace } from '../../src/document/fonts/cjk-fonts.js';
import { loadFonts } from '../../src/document/fonts/load-fonts.js';

// Unicode counts the middle dot (and a few spacing accents) as Han as well as Latin: DejaVu has
// them, so a letter holding one needs no CJK font made (the WOFF2 subsetter is the dear part).
describe('CJK fonts made ready for a text', () => {
  it('are none for Latin text whose only "Han" characters DejaVu has', async () => {
    const fonts = await loadFonts();
    await fonts.prepare(['Jane Doe · Acme Themes · INV-0042 ˇ ˉ']);
    for (const ch of ['·', 'ˇ', 'ˉ']) expect(cjkFace(ch, false, 'zh')).toBeUndefined();
    expect(fonts.runs('Jane · Doe', 'regular')).toEqual([{ text: 'Jane · Doe' }]);
  });

  it('are still made for the CJK characters of a text; the dot between them is set in DejaVu, as before', async () => {
    const fonts = await loadFonts();
    await fonts.prepare(['中文·测试']);
    expect(cjkFace('中', false, 'zh')).toBeDefined();
    const runs = fonts.runs('中文·测试', 'regular');
    expect(runs.map((r) => r.text)).toEqual(['中', '文', '·', '测', '试']);
    expect(runs.map((r) => r.fallback !== undefined)).toEqual([true, true, false, true, true]);
  });
});
