import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = join(REPO, 'fixtures');
export const SAMPLE_CASE = join(FIXTURES, 'sample-case');
/** The CLI as tests run it: the private copy test/global-setup.ts took, else the repository's own. */
export const BIN = join(process.env.EVIDENCE_PACKET_TEST_CLI ?? REPO, 'bin', 'evidence-packet.js');
/** Real exports from other projects, beside the repo; tests over them skip when absent. */
export const REAL_FIXTURES = join(REPO, '..', 'shared', 'fixtures', 'real');
