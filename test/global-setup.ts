import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from './helpers/paths.js';

/** The copy this run made, and how many projects (vitest.config.ts) still use it. */
interface SharedCopy {
  root: Promise<string>;
  users: number;
}
const KEY = Symbol.for('evidence-packet.test-cli-copy');
const holder = globalThis as { [KEY]?: SharedCopy };

async function copyCli(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'ep-cli-'));
  for (const entry of ['bin', 'dist', 'templates', 'package.json']) await cp(join(REPO, entry), join(root, entry), { recursive: true });
  await symlink(join(REPO, 'node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}

/**
 * The CLI the tests spawn is a private copy of bin/ and dist/ taken once at the start, so a
 * `npm run build` (or `npx`, which rebuilds through `prepare`) during the run cannot change or
 * empty the code under test halfway. Its node_modules is the repository's, linked. Each project
 * of the config runs this; they share the one copy, removed when the last is done.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const shared = (holder[KEY] ??= { root: copyCli(), users: 0 });
  shared.users++;
  const root = await shared.root;
  process.env.EVIDENCE_PACKET_TEST_CLI = root;
  return async () => {
    if (--shared.users > 0) return;
    delete holder[KEY];
    await rm(root, { recursive: true, force: true });
  };
}
