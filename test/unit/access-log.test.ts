import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChatExhibit } from '../../src/evidence/model.js';
import { clientFilter } from '../../src/formats/access-log/client-filter.js';
import { parseClfLine } from '../../src/formats/access-log/parse-line.js';
import { shortAgent } from '../../src/formats/access-log/short-agent.js';
import { detectFormat } from '../../src/formats/index.js';
import { buildPacket } from '../../src/pipeline/build.js';
import { checkCase } from '../../src/pipeline/check.js';
import { stripeEvidenceFields } from '../../src/reporters/stripe-evidence.js';
import { FIXTURES } from '../helpers/paths.js';
import { readPdf } from '../helpers/read-pdf.js';

const CASE = join(FIXTURES, 'cases', 'access-logs');
const NOT_THE_CLIENT = ['198.51.100.23', '198.51.100.99', '192.0.2.10', '192.0.2.77', 'someone@else.example', 'Googlebot'];
const temps: string[] = [];
afterAll(async () => Promise.all(temps.map((t) => rm(t, { recursive: true, force: true }))));

describe('access logs', () => {
  it.each([
    ['nginx-access.log', 'combined'],
    ['apache-access.log.1.gz', 'common'],
    ['caddy-access.jsonl', 'JSON lines'],
    ['downloads.csv', 'CSV of download events'],
  ])('detects %s by its content (%s)', async (file) => {
    const bytes = await readFile(join(CASE, file));
    expect(detectFormat(bytes, 'renamed.txt')?.id).toBe('access-log');
  });

  it('keeps only the client’s lines of each format, reports the damaged ones, and no other visitor reaches the packet', async () => {
    const check = await checkCase(CASE);
    expect(check.findings.map((f) => f.code).sort()).toEqual(['ACCESS_LOG_LINES_DAMAGED', 'ACCESS_LOG_LINES_DAMAGED', 'ACCESS_LOG_LINES_DAMAGED']);
    expect(check.findings.map((f) => `${f.file}:${f.line}`).sort()).toEqual(['caddy-access.jsonl:3', 'downloads.csv:4', 'nginx-access.log:5']);
    const logs = check.exhibits.filter((e): e is ChatExhibit => e.kind === 'chat' && e.format.startsWith('Access log'));
    const rows = logs.flatMap((e) => e.messages.map((m) => `${e.file} ${m.where} ${m.sender} ${m.text}`)).sort();
    expect(rows).toEqual([
      'apache-access.log.1.gz line 2 203.0.113.7 POST /checkout HTTP/1.1 → 303 · user jane',
      'apache-access.log.1.gz line 3 203.0.113.7 GET /order/INV-0042/thanks HTTP/1.1 → 200 · 3301 bytes · user jane',
      'caddy-access.jsonl line 1 203.0.113.7 GET /wp-admin/themes.php → 200 · 18211 bytes · Chrome 122 on macOS',
      'caddy-access.jsonl line 4 203.0.113.7 POST /wp-admin/customize.php → 200 · 512 bytes · Chrome 122 on macOS',
      'downloads.csv line 2 203.0.113.7 aurora-theme-1.2.zip → 200 · 2483911 bytes · Chrome 122 on macOS · user jane.doe@example.com',
      'nginx-access.log line 2 203.0.113.7 GET /client/jane/theme-preview HTTP/1.1 → 200 · 48213 bytes · Chrome 122 on macOS',
      'nginx-access.log line 3 203.0.113.7 GET /downloads/aurora-theme-1.2.zip?token=7f3a HTTP/1.1 → 200 · 2483911 bytes · Chrome 122 on macOS',
      'nginx-access.log line 6 2001:db8::42 GET /wp-admin/ HTTP/2.0 → 302 · 0 bytes · Safari 17 on iOS',
    ]);
    expect(logs.every((e) => e.messages.every((m) => m.isClient === true))).toBe(true);
    // The time keeps the offset the server wrote (+0100 on 5 March).
    expect(logs.find((e) => e.file.endsWith('.gz'))!.messages[0]!.date).toMatchObject({
      zone: 'offset',
      offsetMinutes: 60,
      epochMs: Date.UTC(2024, 2, 5, 14, 14, 2),
    });
    const json = JSON.stringify(check.exhibits.map((e) => (e.kind === 'chat' ? e.messages : [])));
    for (const other of NOT_THE_CLIENT) expect(json).not.toContain(other);

    const stripe = stripeEvidenceFields(check.analysis.info, undefined, check.exhibits).fields.access_activity_log!;
    expect(stripe.split('\n')).toHaveLength(8);
    expect(stripe.split('\n')[0]).toBe(
      '2024-03-05 14:14:02 UTC+00:00  203.0.113.7  POST /checkout HTTP/1.1 → 303 · user jane  (apache-access.log.1.gz, line 2)',
    );
    for (const other of NOT_THE_CLIENT) expect(stripe).not.toContain(other);
  });

  it('the built packet shows the client’s requests and no other visitor’s', async () => {
    const built = await buildPacket(CASE, { sourceDateEpoch: 1711616400 });
    if (!built.ok) throw new Error(built.check.findings.map((f) => f.code).join(', '));
    const dir = await mkdtemp(join(tmpdir(), 'ep-logs-'));
    temps.push(dir);
    await writeFile(join(dir, 'p.pdf'), built.pdf);
    const text = (await readPdf(join(dir, 'p.pdf'))).pages.join('\n');
    expect(text).toContain('/downloads/aurora-theme-1.2.zip?token=7f3a');
    for (const other of NOT_THE_CLIENT) expect(text).not.toContain(other);
  });

  it('shows nothing without access_log in case.yaml, and says when no line is the client’s', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ep-logs-'));
    temps.push(dir);
    await cp(join(CASE, 'nginx-access.log'), join(dir, 'nginx-access.log'));
    await writeFile(join(dir, 'case.yaml'), 'case: x\n');
    const codes = async () => {
      const check = await checkCase(dir);
      expect(check.exhibits).toEqual([]);
      return check.findings
        .map((f) => f.code)
        .filter((c) => c.startsWith('ACCESS_LOG'))
        .sort();
    };
    expect(await codes()).toEqual(['ACCESS_LOG_NO_FILTER']);
    await writeFile(join(dir, 'case.yaml'), 'case: x\naccess_log: { ip: [10.0.0.1] }\n');
    expect(await codes()).toEqual(['ACCESS_LOG_LINES_DAMAGED', 'ACCESS_LOG_NO_CLIENT_LINES']);
    await writeFile(join(dir, 'case.yaml'), 'case: x\naccess_log: { ip: [not-an-ip] }\n');
    expect((await checkCase(dir)).findings.map((f) => f.code)).toContain('MANIFEST_INVALID_VALUE');
  });
});

describe('clientFilter', () => {
  const line = (ip: string, user = '-', path = '/') => `${ip} - ${user} [14/Mar/2024:10:20:11 +0000] "GET ${path} HTTP/1.1" 200 1 "-" "x"`;
  const keeps = (spec: Parameters<typeof clientFilter>[0], raw: string) => clientFilter(spec)!(parseClfLine(raw)!, raw);

  it('needs every key given: IP (address, network, IPv4 in IPv6 form), user in any case, a match pattern', () => {
    expect(clientFilter({})).toBeUndefined();
    expect(keeps({ ip: ['203.0.113.0/24'] }, line('203.0.113.200'))).toBe(true);
    expect(keeps({ ip: ['203.0.113.7'] }, line('::ffff:203.0.113.7'))).toBe(true);
    expect(keeps({ ip: ['203.0.113.7'] }, line('203.0.113.8'))).toBe(false);
    expect(keeps({ user: 'Jane' }, line('1.2.3.4', 'jane'))).toBe(true);
    expect(keeps({ ip: ['203.0.113.7'], match: ['/downloads/'] }, line('198.51.100.1', '-', '/downloads/a.zip'))).toBe(false);
    expect(keeps({ match: ['/token=7f3a/'] }, line('198.51.100.1', '-', '/d?token=7f3a'))).toBe(true);
  });

  it('over seeded random lines, keeps exactly the lines of the client’s addresses', () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const client = ['203.0.113.7', '2001:db8::1'];
    const filter = clientFilter({ ip: client })!;
    for (let i = 0; i < 500; i++) {
      const ip = rand(4) === 0 ? client[rand(2)]! : `${rand(256)}.${rand(256)}.${rand(256)}.${rand(256)}`;
      const raw = line(ip, '-', `/p${rand(1000)}`);
      expect(filter(parseClfLine(raw)!, raw)).toBe(client.includes(ip));
    }
  });
});

describe('shortAgent', () => {
  it('names the browser and the system', () => {
    expect(
      shortAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36 Edg/122.0.2365.92'),
    ).toBe('Edge 122 on Windows');
    expect(shortAgent('Mozilla/5.0 (X11; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0')).toBe('Firefox 123 on Linux');
    expect(shortAgent('curl/8.5.0')).toBe('curl 8.5.0');
  });
});
