import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from './helpers/paths.js';

/**
 * The CLI the tests spawn is a private copy of bin/ and dist/ taken once at the start, so a
 * `npm run build` (or `npx`, which rebuilds through `prepare`) during the run cannot change or
 * empty the code under test halfway. Its node_modules is the repository's, linked.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const root = await mkdtemp(join(tmpdir(), 'ep-cli-'));
  for (const entry of ['bin', 'dist', 'templates', 'package.json']) await cp(join(REPO, entry), join(root, entry), { recursive: true });
  await symlink(join(REPO, 'node_modules'), join(root, 'node_modules'), 'dir');
  process.env.EVIDENCE_PACKET_TEST_CLI = root;
  return async () => {
    await rm(root, { recursive: true, force: true });
  };
}
