import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO as repoRoot } from '../helpers/paths.js';

/**
 * The house's floors (docs/architecture.md): a folder imports its own floor and the ones
 * below, never one above. Within a floor, folders import each other without a cycle.
 */
const FLOORS: readonly (readonly string[])[] = [
  ['evidence', 'io', 'errors.ts', 'version.ts'],
  ['chat', 'formats', 'imaging', 'ocr', 'rules'],
  ['case', 'budget', 'document', 'letter', 'reporters'],
  ['pipeline', 'batch', 'capture'],
  ['processors'],
  ['cli', 'index.ts'],
];
/**
 * Rooms other folders import only through their index.ts, so what a room offers is one
 * file and its insides can move freely.
 */
const ENTRY_ONLY = ['document', 'letter'];
/** Only the shell talks to the terminal. */
const CLI_ONLY = ['commander', 'inquirer', '@inquirer/prompts', 'chalk', 'cli-progress'];

const src = join(repoRoot, 'src');
/** A file longer than this opens with a comment saying why it is one file. */
const MOST_LINES = 300;
/** A function a reader takes in at once. */
const MOST_FUNCTION_LINES = 60;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Every module a file loads: static imports, re-exports and `import()`. */
function importsOf(text: string): string[] {
  const specifiers: string[] = [];
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (const m of code.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"`;]*?from\s*['"]([^'"]+)['"]/g)) specifiers.push(m[1]!);
  for (const m of code.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) specifiers.push(m[1]!);
  for (const m of code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) specifiers.push(m[1]!);
  return specifiers;
}

/** The room a file in src/ lives in: its top folder, or its own name at the top. */
const roomOf = (path: string): string => relative(src, path).split(/[\\/]/)[0]!;
const floorOf = (room: string): number => FLOORS.findIndex((floor) => floor.includes(room));

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly file: string;
  /** The file imported, relative to src/ (.ts). */
  readonly target: string;
  readonly specifier: string;
}

function edges(): Edge[] {
  return sourceFiles(src).flatMap((file) =>
    importsOf(readFileSync(file, 'utf8'))
      .filter((s) => s.startsWith('.'))
      .map((specifier) => {
        const target = resolve(dirname(file), specifier).replace(/\.js$/, '.ts');
        return { from: roomOf(file), to: roomOf(target), file: relative(repoRoot, file), target: relative(src, target), specifier };
      }),
  );
}

/** Every cycle in a graph, each as its nodes in order, the first repeated at the end. */
function cyclesOf(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (node: string, path: string[]): void => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'open') {
      cycles.push([...path.slice(path.indexOf(node)), node]);
      return;
    }
    state.set(node, 'open');
    for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
    state.set(node, 'done');
  };
  for (const node of graph.keys()) visit(node, []);
  return cycles;
}

describe('architecture', () => {
  it('reads every kind of import line', () => {
    const text =
      "import a from './a.js';\nimport type { B } from '../b.js';\nexport { c } from './c.js';\nimport './d.js';\nconst e = await import('../e.js');\n// import x from './x.js';\n";
    expect(importsOf(text)).toEqual(['./a.js', '../b.js', './c.js', './d.js', '../e.js']);
  });

  it('puts every folder of src/ on a floor', () => {
    const rooms = [...new Set(sourceFiles(src).map(roomOf))];
    expect(rooms.filter((room) => floorOf(room) < 0)).toEqual([]);
  });

  it('imports only down or across, never up a floor', () => {
    const upward = edges()
      .filter((e) => floorOf(e.to) > floorOf(e.from))
      .map((e) => `${e.file} imports ${e.specifier} (${e.from} is on floor ${floorOf(e.from)}, ${e.to} on ${floorOf(e.to)})`);
    expect(upward).toEqual([]);
  });

  it('has no cycle between folders', () => {
    const graph = new Map<string, Set<string>>();
    for (const e of edges()) if (e.from !== e.to) graph.set(e.from, (graph.get(e.from) ?? new Set()).add(e.to));
    expect(cyclesOf(graph).map((c) => c.join(' → '))).toEqual([]);
  });

  it('has no cycle between files inside a folder either', () => {
    const graph = new Map<string, Set<string>>();
    for (const e of edges())
      if (e.from === e.to)
        graph.set(relative(src, resolve(repoRoot, e.file)), (graph.get(relative(src, resolve(repoRoot, e.file))) ?? new Set()).add(e.target));
    expect(cyclesOf(graph).map((c) => c.join(' → '))).toEqual([]);
  });

  it('finds a cycle', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
      ['d', new Set(['a'])],
    ]);
    expect(cyclesOf(graph)).toEqual([['a', 'b', 'c', 'a']]);
  });

  it('imports a room with an entry only through its index', () => {
    const around = edges()
      .filter((e) => e.from !== e.to && ENTRY_ONLY.includes(e.to) && e.target !== `${e.to}/index.ts`)
      .map((e) => `${e.file} imports ${e.specifier}: import it from ${e.to}/index.js`);
    expect(around).toEqual([]);
  });

  it('keeps the terminal to src/cli: no terminal package, console or exit code in the core', () => {
    const offences = sourceFiles(src)
      .filter((file) => roomOf(file) !== 'cli')
      .flatMap((file) => {
        const text = readFileSync(file, 'utf8');
        const name = relative(repoRoot, file);
        return [
          ...importsOf(text)
            .filter((s) => CLI_ONLY.includes(s))
            .map((s) => `${name} imports ${s}`),
          ...(/\bconsole\.|process\.(exit|exitCode|stdout|stderr|stdin)\b/.test(text) ? [`${name} touches the terminal or the exit code`] : []),
        ];
      });
    expect(offences).toEqual([]);
  });

  it('keeps files short, or says at the top why one is long', () => {
    const long = sourceFiles(src)
      .map((file) => ({ file: relative(repoRoot, file), text: readFileSync(file, 'utf8') }))
      .filter(({ text }) => text.split('\n').length > MOST_LINES && !/^\/\*\*?\s/.test(text))
      .map(({ file }) => file);
    expect(long).toEqual([]);
  });

  it('keeps functions to 60 lines', () => {
    const long: string[] = [];
    for (const file of sourceFiles(src)) {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
      const visit = (node: ts.Node): void => {
        if (ts.isFunctionLike(node) && 'body' in node && node.body) {
          const first = source.getLineAndCharacterOfPosition(node.getStart()).line;
          const last = source.getLineAndCharacterOfPosition(node.end).line;
          if (last - first + 1 > MOST_FUNCTION_LINES) long.push(`${relative(repoRoot, file)}:${first + 1} (${last - first + 1} lines)`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(long).toEqual([]);
  });
});
