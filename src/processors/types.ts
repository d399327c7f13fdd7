import type { Finding } from '../evidence/model.js';
import type { CheckResult } from '../pipeline/check.js';
import type { PacketOptions } from '../pipeline/options.js';

/**
 * The shape every payment processor's adapter has (processors/<name>/index.ts): `pull` fills
 * case.yaml from a dispute, `push` stages the packet as the dispute's evidence, `submit` sends
 * it for review. What a processor calls its fields and files is its own; these types are not.
 */
export interface ProcessorAdapter<Access> {
  readonly id: string;
  readonly label: string;
  /** The environment variables the CLI reads the key and another base URL from (the core reads no environment). */
  readonly keyVariable: string;
  readonly baseVariable: string;
  pull(disputeId: string, folder: string, access: Access): Promise<PulledCase>;
  push(folder: string, options: PushOptions<Access>): Promise<PushResult>;
  /** Why the dispute should not be submitted now, if it should not. */
  submitObstacle(dispute: DisputeSummary): string | undefined;
  submit(folder: string, disputeId: string, access: Access, force: boolean): Promise<DisputeSummary>;
}

/** Processors keep a test mode apart from the real money. */
export type ProcessorMode = 'test' | 'live';

/** What a dispute says about itself, for the user and for `--json`. */
export interface DisputeSummary {
  readonly id: string;
  readonly status: string;
  readonly reason: string;
  /** In the currency's minor units, as the processor gives it. */
  readonly amount: number;
  readonly currency: string;
  readonly livemode: boolean;
  readonly dueBy: string | null;
  readonly pastDue: boolean;
  readonly submissionCount: number;
  readonly hasEvidence: boolean;
}

/** What case.yaml can learn from a dispute, in case.yaml's own keys. */
export interface CaseFacts {
  readonly case: string;
  readonly profile: string;
  readonly network?: string;
  readonly reason: string;
  readonly amount: number;
  readonly currency: string;
  readonly due?: string;
  readonly transaction: { readonly id: string; readonly date: string };
  readonly client: { readonly name?: string; readonly email?: string };
  readonly product?: string;
}

/** A fact case.yaml already states otherwise than the processor: the user's value is kept. */
export interface FactDifference {
  /** The key path, as `client.email`. */
  readonly key: string;
  readonly yours: string;
  /** What the processor says. */
  readonly processor: string;
}

export interface PulledCase {
  readonly dispute: DisputeSummary;
  readonly mode: ProcessorMode;
  /** The case's manifest as it is to be written. */
  readonly manifest: { readonly path: string; readonly text: string; readonly existed: boolean };
  readonly added: string[];
  readonly differences: FactDifference[];
  /** Every file to write, the manifest first: the caller writes them all or none. */
  readonly files: { readonly path: string; readonly data: string | Uint8Array }[];
}

export interface PushOptions<Access> extends PacketOptions {
  readonly disputeId: string;
  /** Undefined with a dry run: nothing is sent, and no key is needed. */
  readonly access?: Access;
  /** A dry run writes the requests here instead of sending them. */
  readonly dryRunFolder?: string;
}

export interface PushedFile {
  /** The processor's evidence field the file goes in. */
  readonly field: string;
  readonly name: string;
  readonly bytes: number;
  readonly pages: number;
  /** The numbers of its exhibits, as the whole packet numbers them. */
  readonly exhibits: readonly number[];
  /** The processor's id for the uploaded file; with a dry run, undefined. */
  readonly id?: string;
  /** True when an earlier push had uploaded these very bytes. */
  readonly reused: boolean;
}

export type PushResult =
  | { readonly ok: false; readonly check: CheckResult }
  | {
      readonly ok: true;
      readonly check: CheckResult;
      readonly findings: readonly Finding[];
      /** What the processor said of the dispute before the push; undefined with a dry run. */
      readonly dispute?: DisputeSummary;
      readonly mode?: ProcessorMode;
      readonly files: PushedFile[];
      /** Text fields and their values as sent. */
      readonly text: Readonly<Record<string, string>>;
      readonly textPages: number;
      /** Field by field: a file id (a file name with a dry run) or the text's length. */
      readonly staged: Record<string, string | number>;
      /** The state folder, or the dry run's folder. */
      readonly folder: string;
    };
