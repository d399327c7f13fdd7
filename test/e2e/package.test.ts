import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO, SAMPLE_CASE } from '../helpers/paths.js';
import { readPdf } from '../helpers/read-pdf.js';
import { tempDir } from '../helpers/temp-case.js';

const run = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface PackEntry {
  readonly filename: string;
  readonly files: { readonly path: string }[];
}

/**
 * The package as npm ships it, installed into a project of its own, the way a user gets it:
 * no repository around it, no dev dependencies, and no install script run (npm 12 runs none
 * of a dependency's unless the user allows it).
 */
describe('the npm package', () => {
  it('ships exactly what runs, and its tarball installed elsewhere checks and builds the sample case', async () => {
    const dir = await tempDir('ep-pack-');
    // dist/ is built by `npm test` (and by prepare/prepack on a real pack): not rebuilt here, under the other tests' feet.
    const { stdout } = await run(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: REPO, maxBuffer: 32 << 20 });
    const [packed] = JSON.parse(stdout) as PackEntry[];
    const files = packed!.files.map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'LICENSE',
        'README.md',
        'bin/evidence-packet.js',
        'bin/launch.js',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/cli/main.js',
        'templates/case.yaml',
        'templates/cover/general.md',
      ]),
    );
    expect(files.filter((f) => !/^(bin|dist|templates)\//.test(f) && !['package.json', 'LICENSE', 'README.md'].includes(f))).toEqual([]);
    expect(files.filter((f) => /\.test\.|^(src|test|fixtures|scripts)\//.test(f))).toEqual([]);
    // Every module the tarball's source maps describe carries its source: no map points at a src/ that is not there.
    const manifest = JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    for (const script of ['preinstall', 'install', 'postinstall']) expect(manifest.scripts[script], script).toBeUndefined();
    const map = JSON.parse(await readFile(join(REPO, 'dist', 'cli', 'main.js.map'), 'utf8')) as { sources: string[]; sourcesContent?: string[] };
    expect(map.sourcesContent?.length).toBe(map.sources.length);

    const project = join(dir, 'project');
    await mkdir(project);
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'user-project', private: true, type: 'commonjs' }));
    await run(npm, ['install', join(dir, packed!.filename), '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel', 'error'], {
      cwd: project,
      maxBuffer: 32 << 20,
    });
    const bin = join(project, 'node_modules', '.bin', 'evidence-packet');
    const caseDir = join(project, 'case');
    await cp(SAMPLE_CASE, caseDir, { recursive: true });
    const env = { ...process.env, NO_COLOR: '1', XDG_CONFIG_HOME: join(dir, 'config'), XDG_CACHE_HOME: join(dir, 'cache') };

    const check = await run(bin, ['check', 'case', '--json'], { cwd: project, env }).catch((e: { stdout: string; stderr: string; code: number }) => e);
    expect('code' in check ? check.code : 0, 'stderr' in check ? check.stderr : '').toBe(0);
    expect(JSON.parse(check.stdout).exhibits).toHaveLength(4);
    const build = await run(bin, ['build', 'case', '-o', 'packet.pdf'], { cwd: project, env });
    expect(build.stdout).toContain('Wrote packet.pdf: 4 exhibit(s)');
    const pdf = await readPdf(join(project, 'packet.pdf'));
    expect(pdf.pageCount).toBeGreaterThan(4);
    expect(pdf.pages[0]).toContain('Chargeback evidence — case dp_1234');
    // The library entry point resolves from a plain project, as `exports` says.
    const { stdout: version } = await run(
      process.execPath,
      ['--input-type=module', '-e', "const m = await import('evidence-packet'); console.log(typeof m.buildPacket, typeof m.checkCase)"],
      { cwd: project },
    );
    expect(version.trim()).toBe('function function');
  });
});
