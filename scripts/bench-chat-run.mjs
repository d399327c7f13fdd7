// One timed chat parse (spawned by bench-chat.mjs): prints {ms, maxRssMB, messages, kept}.
import { analyzeCase } from '../dist/case/analyze-case.js';

const started = performance.now();
const analysis = await analyzeCase(process.argv[2]);
const ms = performance.now() - started;
const chat = analysis.exhibits.find((e) => e.kind === 'chat');
const errors = analysis.findings.filter((f) => f.severity === 'error');
if (!chat || errors.length) throw new Error(`unexpected result: ${JSON.stringify(errors)}`);
console.log(JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024, messages: chat.totalMessages, kept: chat.messages.length }));
