import { copyFile, mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, SAMPLE_CASE } from '../helpers/paths.js';
import { hasScript, runInPty } from '../helpers/pty.js';
import { readPdf } from '../helpers/read-pdf.js';
import { runCli } from '../helpers/run-cli.js';
import { DUE_BY, startStripeServer, stripeError, stripeObject, stripeRoutes, type RecordedRequest, type Reply } from '../helpers/stripe-server.js';
import { copyCase, makePng, tempDir } from '../helpers/temp-case.js';

const KEY = 'sk_test_51EvidencePacketTestKeyAbcd1234';
const DISPUTE = 'du_1OqLmZAcme0042';

/** A small case: a WhatsApp chat (customer communication) and an invoice image (receipt). */
async function smallCase(): Promise<string> {
  const dir = await tempDir();
  await copyFile(join(FIXTURES, 'chats/whatsapp/android-24h-dmy.txt'), join(dir, 'whatsapp.txt'));
  await writeFile(join(dir, 'invoice-0042.png'), await makePng(600, 160, 'Invoice INV-0042 paid'));
  await writeFile(
    join(dir, 'case.yaml'),
    `case: ${DISPUTE}\nprofile: stripe\nreason: product_not_received\namount: 499\ncurrency: USD\ntimezone: Europe/London\nclient: { name: Dana Client, email: dana@example.com }\nitems:\n  - file: invoice-0042.png\n    date: 2024-03-05T14:15:00Z\n`,
  );
  return dir;
}

const env = (url: string, key = KEY) => ({ env: { STRIPE_API_KEY: key, STRIPE_API_BASE: url } });
const push = (dir: string, url: string, ...extra: string[]) => runCli(['stripe', 'push', dir, '--dispute', DISPUTE, '--no-ocr', '--json', ...extra], env(url));
const uploads = (requests: RecordedRequest[]) => requests.filter((r) => r.method === 'POST' && r.path === '/v1/files');
const updates = (requests: RecordedRequest[]) => requests.filter((r) => r.method === 'POST' && r.path === `/v1/disputes/${DISPUTE}`);

describe('stripe pull', () => {
  it('fills case.yaml from the dispute and its charge, keeps the user’s values, and writes the payment record', async () => {
    const { url, requests } = await startStripeServer(stripeRoutes());
    const dir = await copyCase(SAMPLE_CASE);
    const result = await runCli(['stripe', 'pull', DISPUTE, dir, '--json'], env(url));
    expect(result.code, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.mode).toBe('test');
    expect(out.dispute).toMatchObject({
      id: DISPUTE,
      status: 'needs_response',
      dueBy: new Date(DUE_BY * 1000).toISOString().replace('.000', ''),
      submissionCount: 0,
    });
    // The sample case names the dispute dp_1234 and the product at more length: those stay.
    expect(out.differences.map((d: { key: string }) => d.key).sort()).toEqual(['case', 'product']);
    expect(out.added).toEqual(expect.arrayContaining(['network', 'due']));
    const yaml = await readFile(join(dir, 'case.yaml'), 'utf8');
    expect(yaml).toContain('# A sample dispute'); // comments kept
    expect(yaml).toMatch(/^case: dp_1234$/m);
    expect(yaml).toMatch(/^network: visa$/m);
    expect(yaml).toMatch(/file: stripe-payment-record\.pdf\n\s+date: "?2024-03-05T14:14:02Z"?\n[\s\S]*stripeField: uncategorized_file/);
    const record = JSON.parse(await readFile(join(dir, '.stripe-payment-record.json'), 'utf8'));
    expect(Object.fromEntries(record.rows)).toMatchObject({
      'CVC check': 'pass',
      'Radar risk level': 'normal',
      'IP country': 'GB',
      Card: 'visa ending 4242, issued in GB',
    });
    const page = await readPdf(join(dir, 'stripe-payment-record.pdf'));
    expect(page.pageCount).toBe(1);
    expect(page.pages[0]).toContain('Postal code check (AVS) pass');
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/disputes/${DISPUTE}`, 'GET /v1/charges/ch_3OqLm2Acme0042']);
    expect(
      [...requests[1]!.query]
        .filter(([k]) => k.startsWith('expand['))
        .map(([, v]) => v)
        .sort(),
    ).toEqual(['customer', 'review']);
    expect(requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('writes a new case.yaml in an empty folder, and the same bytes on a second pull', async () => {
    const { url } = await startStripeServer(stripeRoutes());
    const dir = await tempDir();
    expect((await runCli(['stripe', 'pull', DISPUTE, dir], env(url))).code).toBe(0);
    const first = await readFile(join(dir, 'case.yaml'), 'utf8');
    const pdf = await readFile(join(dir, 'stripe-payment-record.pdf'));
    expect(first).toMatch(/^amount: 499$/m);
    expect(first).toMatch(/^currency: USD$/m);
    expect(first).toMatch(/^reason: product_unacceptable$/m);
    expect(first).toContain('email: jane.doe@example.com');
    expect((await runCli(['stripe', 'pull', DISPUTE, dir], env(url))).code).toBe(0);
    expect(await readFile(join(dir, 'case.yaml'), 'utf8')).toBe(first);
    expect(await readFile(join(dir, 'stripe-payment-record.pdf'))).toEqual(pdf);
  });

  it('says 401 and 404 with a next step, and never prints the key', async () => {
    const { url } = await startStripeServer(() => stripeError(401, 'invalid_request_error', `Invalid API Key provided: ${KEY}`));
    const denied = await runCli(['stripe', 'pull', DISPUTE, await tempDir()], env(url));
    expect(denied.code).toBe(2);
    expect(denied.stderr).toContain('STRIPE_KEY_REJECTED');
    expect(denied.stderr).toContain('sk_test_…1234');
    expect(denied.stdout + denied.stderr).not.toContain(KEY);
    const missing = await startStripeServer(() => stripeError(404, 'invalid_request_error', `No such dispute: '${DISPUTE}'`, 'resource_missing'));
    const lost = await runCli(['stripe', 'pull', DISPUTE, await tempDir(), '--json'], env(missing.url));
    expect(lost.code).toBe(2);
    expect(JSON.parse(lost.stdout).error).toMatchObject({ code: 'STRIPE_NOT_FOUND', details: { status: 404, stripeCode: 'resource_missing' } });
    const none = await runCli(['stripe', 'pull', DISPUTE, await tempDir()], { env: { STRIPE_API_KEY: '', STRIPE_API_BASE: url } });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('STRIPE_KEY_MISSING');
  });
});

describe('stripe push', () => {
  it('uploads one PDF per field and stages them with the text fields (submit=false)', async () => {
    const { url, requests } = await startStripeServer(stripeRoutes());
    const dir = await smallCase();
    const result = await push(dir, url);
    expect(result.code, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out).toMatchObject({ mode: 'test', submitted: false, staged: { customer_communication: 'file_test1', receipt: 'file_test2', customer_name: 11 } });
    const files = uploads(requests);
    expect(files).toHaveLength(2);
    for (const upload of files) {
      const parts = Object.fromEntries(upload.parts.map((p) => [p.name, p]));
      expect(parts.purpose!.data.toString()).toBe('dispute_evidence');
      expect(parts.file!.type).toBe('application/pdf');
      expect(parts.file!.data.subarray(0, 5).toString()).toBe('%PDF-');
      expect(upload.headers['idempotency-key']).toMatch(/^evidence-packet-du_1OqLmZAcme0042-(customer_communication|receipt)-[0-9a-f]{32}$/);
    }
    expect(files.map((f) => f.parts.find((p) => p.name === 'file')!.filename)).toEqual([`${DISPUTE}-customer_communication.pdf`, `${DISPUTE}-receipt.pdf`]);
    const [update] = updates(requests);
    expect(update!.form).toMatchObject({
      'evidence[customer_communication]': 'file_test1',
      'evidence[receipt]': 'file_test2',
      'evidence[customer_name]': 'Dana Client',
      'evidence[customer_email_address]': 'dana@example.com',
      submit: 'false',
      intended_submission_method: 'manual',
    });
    expect(update!.form['evidence[uncategorized_text]']).toMatch(/^Response to dispute du_1OqLmZAcme0042/);
    const state = JSON.parse(await readFile(join(dir, '.evidence-packet/stripe', DISPUTE, 'push.json'), 'utf8'));
    expect(Object.keys(state.uploads).sort()).toEqual(['customer_communication', 'receipt']);
  });

  it('retries a 429 Stripe marks as retryable, and a re-run after a half-failed push uploads only what is missing', async () => {
    let failing = true;
    const override = (req: RecordedRequest, seen: RecordedRequest[]): Reply | undefined => {
      if (req.path !== '/v1/files') return undefined;
      if (uploads(seen).length === 1)
        return {
          status: 429,
          body: { error: { type: 'invalid_request_error', message: 'Too many requests', code: 'lock_timeout' } },
          headers: { 'Stripe-Should-Retry': 'true' },
        };
      // The second field's upload: the connection drops, every time, until the network is back.
      const second = req.parts.find((p) => p.name === 'file')?.filename?.includes('receipt');
      return second && failing ? 'drop' : undefined;
    };
    const { url, requests } = await startStripeServer(stripeRoutes(override));
    const dir = await smallCase();
    const broken = await push(dir, url);
    expect(broken.code).toBe(2);
    expect(JSON.parse(broken.stdout).error).toMatchObject({ code: 'STRIPE_UNREACHABLE', details: { uploaded: { customer_communication: 'file_test1' } } });
    expect(JSON.parse(broken.stdout).error.message).toMatch(/Already uploaded: customer_communication \(file_test1\)/);
    expect(updates(requests)).toHaveLength(0);
    // The 429 was answered by a retry with the same idempotency key.
    const first = uploads(requests).filter((r) => r.parts.find((p) => p.name === 'file')!.filename!.includes('customer_communication'));
    expect(first).toHaveLength(2);
    expect(first[0]!.headers['idempotency-key']).toBe(first[1]!.headers['idempotency-key']);
    failing = false;
    const before = uploads(requests).length;
    const again = await push(dir, url);
    expect(again.code, again.stderr).toBe(0);
    const more = uploads(requests).slice(before);
    expect(more.map((r) => r.parts.find((p) => p.name === 'file')!.filename)).toEqual([`${DISPUTE}-receipt.pdf`]);
    const out = JSON.parse(again.stdout);
    expect(out.files.map((f: { field: string; reused: boolean }) => [f.field, f.reused])).toEqual([
      ['customer_communication', true],
      ['receipt', false],
    ]);
    expect(updates(requests)).toHaveLength(1);
  });

  it('reports Stripe’s page limit refusal as a budget failure (exit 4)', async () => {
    const override = (req: RecordedRequest): Reply | undefined =>
      req.method === 'POST' && req.path.startsWith('/v1/disputes/')
        ? stripeError(400, 'invalid_request_error', 'The evidence exceeds the page limit for this network.', 'dispute_evidence_page_limit_exceeded')
        : undefined;
    const { url, requests } = await startStripeServer(stripeRoutes(override));
    const dir = await smallCase();
    const result = await push(dir, url);
    expect(result.code).toBe(4);
    expect(JSON.parse(result.stdout).error).toMatchObject({
      code: 'STRIPE_PAGE_LIMIT',
      details: { status: 400, stripeCode: 'dispute_evidence_page_limit_exceeded' },
    });
    // Over the limit by our own count (files and text fields): stopped before anything is sent.
    const before = requests.length;
    const over = await push(dir, url, '--max-pages', '3');
    expect(over.code).toBe(4);
    expect(JSON.parse(over.stdout).error.code).toBe('BUDGET_PAGES');
    expect(requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/disputes/${DISPUTE}`]);
  });

  it('submits only with --yes (or a confirmation), and refuses after an earlier submission unless --force', async () => {
    const { url, requests } = await startStripeServer(stripeRoutes());
    const dir = await smallCase();
    const asked = await push(dir, url, '--submit');
    expect(asked.code).toBe(2);
    expect(JSON.parse(asked.stdout).error.code).toBe('STRIPE_NEEDS_CONFIRMATION');
    const sent = await push(dir, url, '--submit', '--yes');
    expect(sent.code, sent.stderr).toBe(0);
    expect(JSON.parse(sent.stdout)).toMatchObject({ submitted: true, dispute: { status: 'under_review', submissionCount: 1 } });
    expect(updates(requests).map((r) => r.form.submit)).toEqual(['false', 'true']);
    const twice = await push(dir, url, '--submit', '--yes');
    expect(twice.code).toBe(2);
    expect(JSON.parse(twice.stdout).error.code).toBe('STRIPE_SUBMIT_REFUSED');
    expect(updates(requests).map((r) => r.form.submit)).toEqual(['false', 'true', 'false']);
  });
});

describe('stripe push --submit at a terminal', () => {
  it.skipIf(!hasScript)('names live mode and asks before submitting; no leaves the evidence staged', async () => {
    const live = (req: RecordedRequest): Reply | undefined =>
      req.method === 'GET' && req.path.startsWith('/v1/disputes/')
        ? {
            status: 200,
            body: {
              ...stripeObject('dispute'),
              livemode: true,
              evidence_details: { due_by: DUE_BY, past_due: false, submission_count: 0, has_evidence: false },
            },
          }
        : undefined;
    const { url, requests } = await startStripeServer(stripeRoutes(live));
    const dir = await smallCase();
    const saved = { key: process.env.STRIPE_API_KEY, base: process.env.STRIPE_API_BASE };
    process.env.STRIPE_API_KEY = 'rk_live_51EvidencePacketTestKeyLive9876';
    process.env.STRIPE_API_BASE = url;
    try {
      const tty = runInPty(['stripe', 'push', dir, '--dispute', DISPUTE, '--no-ocr', '--submit']);
      await tty.answer(/Submit the staged evidence of du_1OqLmZAcme0042 in LIVE mode to the bank\?/, 'n\r');
      const { code, output } = await tty.done();
      expect(code).toBe(0);
      expect(output).toContain('Stripe LIVE mode');
      expect(output).toContain('Not submitted: the evidence stays staged.');
      expect(output).not.toContain('rk_live_51EvidencePacketTestKeyLive9876');
    } finally {
      for (const [name, value] of [
        ['STRIPE_API_KEY', saved.key],
        ['STRIPE_API_BASE', saved.base],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
    expect(updates(requests).map((r) => r.form.submit)).toEqual(['false']);
  });
});

describe('stripe pull, then push --dry-run, on the sample case', () => {
  it('writes one PDF per field within Stripe’s limits, the requests, and the text fields within theirs', async () => {
    const { url } = await startStripeServer(stripeRoutes());
    const dir = await copyCase(SAMPLE_CASE);
    expect((await runCli(['stripe', 'pull', DISPUTE, dir], env(url))).code).toBe(0);
    // An earlier dry run's files for a field that no longer has exhibits are removed; other files stay.
    const folder = join(dir, '.evidence-packet/stripe', DISPUTE, 'dry-run');
    await mkdir(folder, { recursive: true });
    for (const name of ['upload-refund_policy.json', `${DISPUTE}-refund_policy.pdf`, 'notes.txt']) await writeFile(join(folder, name), 'old');
    // No key and no server: a dry run calls nothing.
    const epoch = { SOURCE_DATE_EPOCH: '1711929600' };
    const result = await runCli(['stripe', 'push', dir, '--dispute', DISPUTE, '--dry-run', '--no-ocr', '--json'], {
      env: { STRIPE_API_KEY: undefined, STRIPE_API_BASE: undefined, ...epoch },
    });
    expect(result.code, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.folder).toBe(folder);
    // The payment record names who paid, so it shows the client like every exhibit should.
    expect(out.findings.filter((f: { file?: string }) => f.file === 'stripe-payment-record.pdf')).toEqual([]);
    expect(out.files.map((f: { field: string }) => f.field)).toEqual(['receipt', 'uncategorized_file']);
    // The exhibits keep the packet's time-order numbers (the letter names them so): the order
    // screenshot, the payment (the record pull added), the receipt, the approval, the live site.
    expect(out.files.map((f: { exhibits: number[] }) => f.exhibits)).toEqual([[3], [1, 2, 4, 5]]);
    let total = 0;
    let pages = 0;
    for (const f of out.files) {
      const path = join(folder, f.name);
      const size = (await stat(path)).size;
      expect(size).toBeLessThanOrEqual(5_000_000);
      total += size;
      const pdf = await readPdf(path);
      pages += pdf.pageCount;
      expect(pdf.pageCount).toBe(f.pages);
    }
    expect(total).toBeLessThanOrEqual(4_500_000);
    expect(pages + out.textPages).toBeLessThanOrEqual(19); // a Visa dispute: 49; the sample stays far under
    const text = JSON.parse(await readFile(join(folder, 'text-fields.json'), 'utf8')) as Record<string, string>;
    const lengths = Object.values(text).map((v) => v.length);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(20_000);
    expect(lengths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(150_000);
    // The text part is what `build --stripe-evidence` exports, byte for byte.
    const exported = join(await tempDir(), 'fields.json');
    const built = await runCli(['build', dir, '-o', join(await tempDir(), 'packet.pdf'), '--stripe-evidence', exported, '--no-ocr'], { env: epoch });
    expect(built.code, built.stderr).toBe(0);
    expect(await readFile(join(folder, 'text-fields.json'), 'utf8')).toBe(await readFile(exported, 'utf8'));
    const update = JSON.parse(await readFile(join(folder, 'dispute-update.json'), 'utf8'));
    expect(update.form).toMatchObject({ submit: 'false', 'evidence[receipt]': `<id of ${DISPUTE}-receipt.pdf>`, 'evidence[customer_name]': 'Jane Doe' });
    expect((await readdir(folder)).sort()).toEqual([
      'dispute-update.json',
      `${DISPUTE}-receipt.pdf`,
      `${DISPUTE}-uncategorized_file.pdf`,
      'notes.txt',
      'text-fields.json',
      'upload-receipt.json',
      'upload-uncategorized_file.json',
    ]);
    const other = await readPdf(join(folder, `${DISPUTE}-uncategorized_file.pdf`));
    expect(other.pages[0]).toContain('Other evidence: part 2 of 2 of this packet');
    expect(other.pages.join(' ')).toContain('Payment record');
    expect(stripeObject('dispute').id).toBe(DISPUTE);
  });
});
