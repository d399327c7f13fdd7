import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/paths.js';

const SCRIPTS = join(REPO, 'scripts');

/** The scripts each script imports (static `from './x.mjs'` and dynamic `import('./x.mjs')`). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const name of readdirSync(SCRIPTS).filter((f) => f.endsWith('.mjs'))) {
    const text = readFileSync(join(SCRIPTS, name), 'utf8');
    const targets = [...text.matchAll(/(?:from\s+|import\s*\(\s*)['"]\.\/([\w.-]+\.mjs)['"]/g)].map((m) => m[1]!);
    graph.set(name, targets);
  }
  return graph;
}

/** A cycle through the graph, as the list of scripts on it, or undefined. */
function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('scripts/', () => {
  it('the cycle finder finds a circle when there is one', () => {
    const graph = new Map([
      ['a.mjs', ['b.mjs']],
      ['b.mjs', ['c.mjs']],
      ['c.mjs', ['a.mjs']],
    ]);
    expect(findCycle(graph)).toEqual(['a.mjs', 'b.mjs', 'c.mjs', 'a.mjs']);
    expect(findCycle(new Map([['a.mjs', ['b.mjs']]]))).toBeUndefined();
  });

  it('no script imports one that imports it back (directly or round a circle)', () => {
    const graph = importGraph();
    expect(graph.get('bench-hostile.mjs')).toContain('bench-hostile-round3.mjs');
    expect(findCycle(graph)).toBeUndefined();
  });
});
