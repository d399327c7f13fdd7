import { execFileSync, spawnSync } from 'node:child_process';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/paths.js';
import { danaCaseYaml } from '../helpers/dana-case-yaml.js';
import { readPdf } from '../helpers/read-pdf.js';
import { cachedReading } from '../helpers/read-png-text.js';
import { runCli } from '../helpers/run-cli.js';
import { shareRuns } from '../helpers/share-runs.js';
import { makePng, tempDir } from '../helpers/temp-case.js';

const CHATS = join(FIXTURES, 'chats');

/** A case mixing a WhatsApp export, an mbox, a Help Scout thread and screenshots. */
async function mixedCase(): Promise<string> {
  const dir = await tempDir();
  await copyFile(join(CHATS, 'whatsapp/android-24h-dmy.txt'), join(dir, 'whatsapp.txt'));
  await copyFile(join(CHATS, 'email/thread.mbox'), join(dir, 'mail.mbox'));
  await copyFile(join(CHATS, 'helpdesk/helpscout.json'), join(dir, 'helpscout.json'));
  await copyFile(join(CHATS, 'whatsapp/ios-dotted-lrm.txt'), join(dir, 'ios-chat.txt'));
  await writeFile(join(dir, 'Screenshot_20240314-102400.png'), await makePng(640, 200, 'Delivery page'));
  await writeFile(join(dir, 'Screenshot_20240314-153000.png'), await makePng(640, 200, 'Download log'));
  await writeFile(
    join(dir, 'case.yaml'),
    danaCaseYaml(
      { case: 'dp_chat', profile: 'stripe', reason: 'product_not_received', amount: '450' },
      {
        extra: `items:
  - file: whatsapp.txt
    notes:
      - match: logo files arrived
        note: The client confirms the files arrived
  - file: ios-chat.txt
    select: { match: ['Files received', 'Спасибо'] }
`,
      },
    ),
  );
  return dir;
}

describe('a packet with chats, mail, a helpdesk thread and screenshots', () => {
  it('puts every message and screenshot in one time order across sources', async () => {
    const dir = await mixedCase();
    const outDir = await tempDir();
    const out = join(outDir, 'out.pdf');
    const check = await runCli(['check', dir]);
    expect(check.stdout).toContain('TEXT_GLYPH_MISSING');
    expect(check.stdout).toContain('SENSITIVE_CARD_NUMBER');
    // With SOURCE_DATE_EPOCH the same inputs give the same bytes (checked below).
    const build = await runCli(['build', dir, '-o', out, '--report', join(outDir, 'report.json')], { env: { SOURCE_DATE_EPOCH: '1712000000' } });
    // Its warnings on stderr, the result alone on stdout.
    expect(build.stderr).toContain('TEXT_GLYPH_MISSING');
    expect(build.stdout).toMatch(/^Wrote /);
    expect(build.code).toBe(0);
    const pdf = await readPdf(out);
    const text = pdf.pages.join('\n');
    const order = [
      'Where are my files?', // Help Scout 10:00 UTC
      'Hi Sam, the logo files arrived.', // WhatsApp 10:22 London = UTC
      'Files received [thumbsup]', // iOS chat 10:22:40; the emoji (with its skin tone) is shown by its name, never a box
      'Screenshot_20240314-102400.png', // screenshot 10:24
      'Glad you like them.', // WhatsApp 10:25
      'Sent them just now.', // Help Scout 10:30
      'Got them, thanks!', // mbox 15:00 +0000
      'Screenshot_20240314-153000.png', // screenshot 15:30
      "You're welcome.", // mbox 17:00 +0100 = 16:00 UTC
      'Paid with my card [card ending 4242]', // WhatsApp, next day 09:02
      'Спасибо! Ευχαριστώ!', // iOS chat, next day 18:00
    ];
    const exhibitsText = text.slice(text.indexOf('Exhibit 1 of'));
    const positions = order.map((snippet) => exhibitsText.indexOf(snippet));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);

    // The card number never reaches the packet; the client is marked; the note is there.
    expect(text).not.toContain('4242 4242 4242 4242');
    expect(text).toContain('▶ CLIENT');
    expect(text).toContain('The client confirms the files arrived');
    // The chat is cut into excerpts around the other exhibits.
    expect(text).toMatch(/Exhibit \d+ of \d+, part 1 of \d · WhatsApp · whatsapp\.txt/);

    const report = JSON.parse(await readFile(join(outDir, 'report.json'), 'utf8'));
    const kinds = report.exhibits.map((e: { messages?: unknown; embedded?: unknown }) => (e.messages ? 'chat' : 'image'));
    expect(kinds.filter((k: string) => k === 'image')).toHaveLength(2);
    expect(report.sources.map((s: { file: string }) => s.file)).toEqual(
      expect.arrayContaining(['whatsapp.txt', 'mail.mbox', 'helpscout.json', 'ios-chat.txt']),
    );
    // Same inputs, same bytes.
    const again = join(outDir, 'again.pdf');
    await runCli(['build', dir, '-o', again], { env: { SOURCE_DATE_EPOCH: '1712000000' } });
    expect(await readFile(again)).toEqual(await readFile(out));
  });
});

describe('WhatsApp exports of every locale shape in a packet', () => {
  it('shows every variant’s sentinel messages, each once and in time order', async () => {
    const dir = await tempDir();
    const variants: Record<string, string[]> = {
      'ios-time-first.txt': ['SENTINEL-T1', 'SENTINEL-T2', 'SENTINEL-T3'],
      'ar-ios-rlm.txt': ['SENTINEL-A1', 'SENTINEL-A2', 'SENTINEL-A3'],
      'th-ios-be.txt': ['SENTINEL-B1', 'SENTINEL-B2'],
      'ios-old-no-brackets.txt': ['SENTINEL-O1', 'SENTINEL-O2', 'SENTINEL-O14'],
      'android-day-periods.txt': ['SENTINEL-P1', 'SENTINEL-P2', 'SENTINEL-P3'],
      'fr-ios-lrm-media.txt': ['SENTINEL-F1', 'SENTINEL-F2', 'SENTINEL-F3'],
    };
    for (const file of Object.keys(variants)) await copyFile(join(CHATS, 'whatsapp', file), join(dir, file));
    await writeFile(
      join(dir, 'case.yaml'),
      'case: dp_locales\nprofile: generic\ntimezone: Europe/London\nclient: { name: Dana Client, email: dana@example.com }\n',
    );
    const out = join(dir, 'p.pdf');
    const r = await runCli(['build', dir, '-o', out, '--no-ocr']);
    expect(r.code, r.stderr).toBe(0);
    const text = (await readPdf(out)).pages.join(' ');
    for (const [file, sentinels] of Object.entries(variants)) {
      const at = sentinels.map((s) => [...text.matchAll(new RegExp(`${s}\\b`, 'g'))].map((m) => m.index!));
      expect([file, at.map((positions) => positions.length)]).toEqual([file, sentinels.map(() => 1)]);
      const positions = at.map((p) => p[0]!);
      expect([file, positions]).toEqual([file, [...positions].sort((a, b) => a - b)]);
    }
  });
});

describe('implausible dates', () => {
  it('warns about an email dated 3609 and a chat line dated 1985, naming where, and leaves plausible ones alone', async () => {
    const dir = await tempDir();
    const eml = (await readFile(join(CHATS, 'email/receipt.eml'), 'utf8')).replace(
      'Date: Thu, 14 Mar 2024 10:22:33 -0400',
      'Date: Thu, 14 Mar 3609 10:22:33 -0400',
    );
    await writeFile(join(dir, 'future.eml'), eml);
    await writeFile(
      join(dir, 'chat.txt'),
      '14/03/1985, 10:20 - Dana Client: Hello\n14/03/2024, 10:21 - Sam Seller: Hi\n15/03/2024, 09:00 - Dana Client: Thanks\n',
    );
    await copyFile(join(CHATS, 'email/receipt.eml'), join(dir, 'receipt.eml'));
    await writeFile(join(dir, 'case.yaml'), 'case: dp_dates\ntimezone: Europe/London\nclient: { name: Dana Client, email: dana@example.com }\n');
    const r = await runCli(['check', dir, '--json']);
    const found = (JSON.parse(r.stdout).findings as { code: string; file: string; message: string }[]).filter((f) => f.code === 'ITEM_DATE_IMPLAUSIBLE');
    expect(found.map((f) => f.file).sort()).toEqual(['chat.txt', 'future.eml']);
    expect(found.find((f) => f.file === 'future.eml')!.message).toMatch(/^dated 3609-03-14 .*: after today/);
    expect(found.find((f) => f.file === 'chat.txt')!.message).toMatch(/^dated 1985-03-14 10:20 UTC\+00:00 \(line 1\): before 1990/);
  });
});

describe('text in other scripts', () => {
  const hasPoppler = spawnSync('pdftotext', ['-v']).status === 0;
  /** A line in each script, Latin, Greek and Cyrillic besides, each sent by the client with a sentinel after it. */
  const LINES = {
    latin: 'Zoë naïve café',
    greek: 'Καλημέρα φίλε',
    cyrillic: 'Привет друг',
    arabic: 'مرحبا بكم',
    // No lam-alef here: pdf-lib maps that ligature's glyph back to its letters in the wrong order for right-to-left text (README).
    // With a zero-width non-joiner (می‌کنم): it must keep its letters apart without a space between.
    persian: 'دوست گرامی سپاس می\u200cکنم',
    hebrew: 'שלום עולם',
    thai: 'สวัสดีครับ',
    devanagari: 'नमस्ते दोस्त', // a pre-base vowel sign (ि) comes back from pdftotext after its consonant, as it is drawn
    chinese: '您好 文件已经收到 谢谢',
    japanese: 'ファイルを 受け取りました テーマ',
    korean: '파일을 잘 받았습니다',
  };

  /** Checked and built once, read by the tests below (they only read it). */
  const scriptsPacket = shareRuns(async (_, dir): Promise<{ out: string; check: { findings: { code: string }[] } }> => {
    await writeFile(
      join(dir, 'chat.txt'),
      Object.values(LINES)
        .map((text, i) => `18/03/2022, 10:${String(i).padStart(2, '0')} - Dana Client: ${text} SENTINEL-S${i + 1}\n`)
        .join(''),
    );
    await writeFile(join(dir, 'case.yaml'), 'case: dp_scripts\ntimezone: Europe/London\nclient: { name: Dana Client, email: dana@example.com }\n');
    const check = JSON.parse((await runCli(['check', dir, '--json'])).stdout) as { findings: { code: string }[] };
    const out = join(dir, 'p.pdf');
    expect((await runCli(['build', dir, '-o', out, '--no-ocr'])).code).toBe(0);
    return { out, check };
  });

  it.skipIf(!hasPoppler)(
    'sets a line in each of Latin, Greek, Cyrillic, Arabic, Persian, Hebrew, Thai, Devanagari, Chinese, Japanese and Korean with fonts that have it, shaped, right-to-left runs in reading order',
    async () => {
      const { out, check } = await scriptsPacket('scripts');
      expect(check.findings.map((f) => f.code)).not.toContain('TEXT_GLYPH_MISSING');
      const text = execFileSync('pdftotext', [out, '-']).toString('utf8');
      for (const [script, line] of Object.entries(LINES))
        for (const word of line.split(' ')) expect([script, word, text.includes(word)]).toEqual([script, word, true]);
      // The Latin word after a right-to-left one stays left to right (fontkit alone printed it backwards).
      expect(text).toContain('SENTINEL-S4');
      expect(text).not.toContain('4S-LENITNES');
      const fonts = execFileSync('pdffonts', [out]).toString('utf8');
      for (const family of ['NotoSansThai', 'NotoSansDevanagari', 'NotoSansSC-\\d+', 'NotoSansJP-\\d+', 'NotoSansKR-\\d+'])
        expect(fonts).toMatch(new RegExp(`[A-Z]{6}\\+${family} `));
      // Every font embedded is a subset.
      for (const line of fonts.split('\n').slice(2).filter(Boolean)) expect(line).toMatch(/^[A-Z]{6}\+/);
    },
  );

  it.skipIf(!hasPoppler)('draws right-to-left words in the order a reader (OCR in Arabic and Hebrew) reads them', async () => {
    const { out } = await scriptsPacket('scripts');
    // Only the band of the right-to-left lines, from below the Cyrillic line to above the Thai one:
    // OCR reads a strip of the page, not all of it (words are found by their Latin sentinels).
    const bbox = execFileSync('pdftotext', ['-bbox', '-f', '2', '-l', '2', out, '-']).toString('utf8');
    const edge = (word: string, side: 'yMin' | 'yMax') => Number(new RegExp(`${side}="([\\d.]+)"[^>]*>${word}<`).exec(bbox)?.[1]);
    const pageWidth = Number(/<page width="([\d.]+)"/.exec(bbox)?.[1]);
    const [top, bottom] = [edge('SENTINEL-S3', 'yMax'), edge('SENTINEL-S7', 'yMin')];
    expect([top, bottom, pageWidth].every(Number.isFinite) && top < bottom, 'the sentinels around the right-to-left lines on page 2').toBe(true);
    const px = (pt: number) => String(Math.round((pt * 300) / 72));
    const crop = ['-x', '0', '-y', px(top), '-W', px(pageWidth), '-H', px(bottom - top)];
    const png = execFileSync('pdftoppm', ['-r', '300', '-f', '2', '-l', '2', ...crop, '-gray', '-png', out]);
    const { createWorker } = await import('tesseract.js');
    for (const [lang, words] of [
      ['ara', LINES.arabic.split(' ')],
      ['heb', LINES.hebrew.split(' ')],
    ] as const) {
      const read = await cachedReading(png, lang, async () => {
        const { langPath } = (await import(`@tesseract.js-data/${lang}`)) as unknown as { langPath: string };
        const worker = await createWorker(lang, 1, { langPath, gzip: true, cacheMethod: 'none' });
        try {
          return (await worker.recognize(png)).data.text;
        } finally {
          await worker.terminate();
        }
      });
      // OCR gives right-to-left text in reading (logical) order: drawn backwards, the words would come out swapped.
      const at = words.map((w) => read.indexOf(w));
      expect([lang, at.every((i) => i >= 0)], read).toEqual([lang, true]);
      expect([lang, at]).toEqual([lang, [...at].sort((a, b) => a - b)]);
    }
  });

  it.skipIf(!hasPoppler)('shows the Japanese and Korean text of emails in Shift_JIS and KS C 5601', async () => {
    const dir = await tempDir();
    for (const file of ['shift-jis.eml', 'ks-c-5601.eml']) await copyFile(join(FIXTURES, 'cases', 'scripts', file), join(dir, file));
    await writeFile(join(dir, 'case.yaml'), 'case: dp_charsets\ntimezone: Asia/Tokyo\nclient: { name: Dana Client, email: dana@example.com }\n');
    const out = join(dir, 'p.pdf');
    const r = await runCli(['build', dir, '-o', out, '--no-ocr']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('TEXT_GLYPH_MISSING');
    const text = execFileSync('pdftotext', [out, '-']).toString('utf8');
    for (const phrase of ['納品の確認', '納品されたテーマを確認しました。問題ありません。', '납품 확인', '테마를 잘 받았습니다. 정상적으로 작동합니다.'])
      expect(text).toContain(phrase);
  });

  it('embeds no fallback font in a packet whose text DejaVu sets', async () => {
    const dir = await tempDir();
    await copyFile(join(CHATS, 'whatsapp/android-24h-dmy.txt'), join(dir, 'chat.txt'));
    await writeFile(join(dir, 'case.yaml'), 'case: dp_latin\ntimezone: Europe/London\nclient: { name: Dana Client, email: dana@example.com }\n');
    const out = join(dir, 'p.pdf');
    expect((await runCli(['build', dir, '-o', out, '--no-ocr'])).code).toBe(0);
    expect((await readFile(out)).toString('latin1')).not.toContain('NotoSans');
  });
});
