import { createHash } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Stripe } from 'stripe';
import { EvidencePacketError } from '../../errors.js';
import { writeFilesAtomic } from '../../io/write-atomic.js';
import { openStripe, stripeFailure, type StripeAccess, type StripeMode } from './client.js';
import { isStripeFileField } from './evidence-fields.js';
import { buildFieldFiles, type FieldFile } from './field-files.js';
import { summarizeDispute } from './pull-dispute.js';
import type { PushOptions as StripePushOptions, PushedFile, PushResult } from '../types.js';
import { pushFolder, readPushState, STATE_FILE, writePushState, type PushState } from './push-state.js';

type PushOptions = StripePushOptions<StripeAccess>;

const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

/** The body of `POST /v1/disputes/:id` that stages the evidence. */
export function stagingParams(text: Readonly<Record<string, string>>, files: Readonly<Record<string, string>>): Stripe.DisputeUpdateParams {
  // manual: Smart Disputes must not submit on the user's behalf what they mean to review.
  return { evidence: { ...text, ...files }, submit: false, intended_submission_method: 'manual' };
}

/** A body as the SDK form-encodes it (`evidence[receipt]=file_…`), for a dry run to show. */
export function formFields(params: Readonly<Record<string, unknown>>, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const name = prefix ? `${prefix}[${key}]` : key;
    if (value && typeof value === 'object') Object.assign(out, formFields(value as Record<string, unknown>, name));
    else if (value !== undefined) out[name] = String(value);
  }
  return out;
}

/**
 * Builds one PDF per evidence field and stages them with the text fields on the dispute
 * (`submit: false`): each file through the Files API (purpose `dispute_evidence`), once — a
 * re-run reuses what push.json records for the same bytes, and each upload's idempotency key
 * is derived from its bytes. With a dry run, writes the files and the requests instead.
 */
export async function pushEvidence(folder: string, options: PushOptions): Promise<PushResult> {
  const { disputeId } = options;
  const stripe = options.access ? await openStripe(options.access) : undefined;
  let dispute: Stripe.Dispute | undefined;
  if (stripe) dispute = await call(options, `reading dispute ${disputeId}`, () => stripe.disputes.retrieve(disputeId));
  const state = pushFolder(folder, disputeId);
  const mode: StripeMode = dispute?.livemode ? 'live' : 'test';
  const before = await readPushState(state, disputeId, mode);
  const preparedAt = options.sourceDateEpoch ?? before.preparedAt ?? (options.nowMs !== undefined ? Math.floor(options.nowMs / 1000) : undefined);
  // Stripe's limits, whatever profile case.yaml names for its packet (--max-size and --max-pages still narrow them).
  const packet = { ...options, profile: 'stripe', ...(preparedAt !== undefined ? { sourceDateEpoch: preparedAt } : {}) };
  const built = await buildFieldFiles(folder, packet, (field) => `${disputeId}-${field}.pdf`);
  if (!built.ok) return built;
  const common = { ok: true as const, check: built.check, findings: built.check.findings, text: built.text.fields, textPages: built.textPages };
  const textStaged = Object.fromEntries(Object.entries(built.text.fields).map(([k, v]) => [k, v.length]));
  if (!stripe || !dispute) {
    const out = options.dryRunFolder ?? join(state, 'dry-run');
    await writeDryRun(out, disputeId, built.files, built.text.fields);
    const files = built.files.map((f) => pushed(f, undefined, false));
    return { ...common, files, staged: { ...Object.fromEntries(files.map((f) => [f.field, f.name])), ...textStaged }, folder: out };
  }
  const files = await uploadFiles(stripe, options, state, { ...before, ...(preparedAt !== undefined ? { preparedAt } : {}) }, built.files);
  const ids = Object.fromEntries(files.map((f) => [f.field, f.id!]));
  const params = stagingParams(built.text.fields, ids);
  await call(options, `staging the evidence on ${disputeId}`, () =>
    stripe.disputes.update(disputeId, params, { idempotencyKey: `evidence-packet-stage-${sha256(JSON.stringify(params)).slice(0, 40)}` }),
  );
  const staged = { ...ids, ...textStaged };
  const previous = await readPushState(state, disputeId, mode);
  await writePushState(state, { ...previous, staged, submitted: false });
  return { ...common, dispute: summarizeDispute(dispute), mode, files, staged, folder: state };
}

/** A failed upload's error, saying which files are already uploaded (and kept for the next run). */
function withUploads(error: EvidencePacketError, state: PushState, stateFile: string): EvidencePacketError {
  const done = Object.entries(state.uploads).map(([field, u]) => `${field} (${u.file})`);
  if (done.length === 0) return error;
  return new EvidencePacketError(error.code, `${error.message}. Already uploaded: ${done.join(', ')}; kept in ${stateFile}, not sent again when you re-run`, {
    exitCode: error.exitCode,
    ...(error.hint ? { hint: error.hint } : {}),
    details: { ...error.details, uploaded: Object.fromEntries(Object.entries(state.uploads).map(([field, u]) => [field, u.file])) },
  });
}

function pushed(f: FieldFile, id: string | undefined, reused: boolean): PushedFile {
  return { field: f.field, name: f.name, bytes: f.pdf.length, pages: f.pages, exhibits: f.exhibits, reused, ...(id ? { id } : {}) };
}

async function call<T>(options: PushOptions, doing: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw stripeFailure(error, options.access!, doing);
  }
}

/** Uploads each file not uploaded before, saving push.json after each, so a failure halfway loses nothing done. */
async function uploadFiles(stripe: Stripe, options: PushOptions, folder: string, initial: PushState, files: readonly FieldFile[]): Promise<PushedFile[]> {
  let state = initial;
  const out: PushedFile[] = [];
  for (const f of files) {
    const hash = sha256(f.pdf);
    const before = state.uploads[f.field];
    if (before && before.sha256 === hash) {
      out.push(pushed(f, before.file, true));
      continue;
    }
    const uploaded = await call(options, `uploading ${f.name} (${f.field})`, () =>
      stripe.files.create(
        { purpose: 'dispute_evidence', file: { data: Buffer.from(f.pdf), name: f.name, type: 'application/pdf' } },
        { idempotencyKey: `evidence-packet-${options.disputeId}-${f.field}-${hash.slice(0, 32)}` },
      ),
    ).catch((error: unknown) => {
      throw withUploads(error as EvidencePacketError, state, join(folder, STATE_FILE));
    });
    state = { ...state, uploads: { ...state.uploads, [f.field]: { sha256: hash, file: uploaded.id, bytes: f.pdf.length, pages: f.pages } } };
    await writeFilesAtomic([{ path: join(folder, f.name), data: f.pdf }]);
    await writePushState(folder, state);
    out.push(pushed(f, uploaded.id, false));
  }
  return out;
}

/** An earlier dry run's file for a field that now has no exhibit: left there, it would read as part of this one. Only files named as a dry run names them are removed. */
async function removeStaleRequests(folder: string, disputeId: string, files: readonly FieldFile[]): Promise<void> {
  const fields = new Set(files.map((f) => f.field));
  const names = await readdir(folder).catch(() => [] as string[]);
  const ours = new RegExp(`^(?:upload-([a-z_]+)\\.json|${disputeId.replace(/[^A-Za-z0-9_]/g, '\\$&')}-([a-z_]+)\\.pdf)$`);
  const stale = names.filter((name) => {
    const m = ours.exec(name);
    const field = m?.[1] ?? m?.[2];
    return field !== undefined && isStripeFileField(field) && !fields.has(field);
  });
  await Promise.all(stale.map((name) => rm(join(folder, name), { force: true })));
}

/** A dry run's output: each field's PDF, each request as it would be sent, and the text fields (as `build --stripe-evidence` writes them). */
async function writeDryRun(folder: string, disputeId: string, files: readonly FieldFile[], text: Readonly<Record<string, string>>): Promise<void> {
  await removeStaleRequests(folder, disputeId, files);
  const uploads = files.map((f) => ({
    path: join(folder, `upload-${f.field}.json`),
    data: `${JSON.stringify({ method: 'POST', url: 'https://files.stripe.com/v1/files', multipart: { purpose: 'dispute_evidence', file: { name: f.name, type: 'application/pdf', bytes: f.pdf.length, sha256: sha256(f.pdf) } } }, null, 2)}\n`,
  }));
  // Each file's id is known only once it is uploaded: the file's name stands in for it.
  const update = formFields(stagingParams(text, Object.fromEntries(files.map((f) => [f.field, `<id of ${f.name}>`]))) as Record<string, unknown>);
  await writeFilesAtomic([
    ...files.map((f) => ({ path: join(folder, f.name), data: f.pdf })),
    ...uploads,
    {
      path: join(folder, 'dispute-update.json'),
      data: `${JSON.stringify({ method: 'POST', url: `https://api.stripe.com/v1/disputes/${disputeId}`, form: update }, null, 2)}\n`,
    },
    { path: join(folder, 'text-fields.json'), data: `${JSON.stringify(text, null, 2)}\n` },
  ]);
}
