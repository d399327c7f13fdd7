// One timed access-log read (spawned by bench-logs.mjs): prints {ms, maxRssMB, lines, kept}.
import { analyzeCase } from '../dist/case/analyze-case.js';

const started = performance.now();
const analysis = await analyzeCase(process.argv[2]);
const ms = performance.now() - started;
const log = analysis.exhibits.find((e) => e.kind === 'chat');
const errors = analysis.findings.filter((f) => f.severity === 'error');
if (!log || errors.length) throw new Error(`unexpected result: ${JSON.stringify(analysis.findings)}`);
console.log(JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024, kept: log.messages.length, title: log.title }));
