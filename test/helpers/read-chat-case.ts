import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { analyzeCase } from '../../src/case/analyze-case.js';
import type { ChatExhibit, Finding } from '../../src/evidence/model.js';
import { FIXTURES } from './paths.js';
import { tempDir } from './temp-case.js';

export const CHATS = join(FIXTURES, 'chats');

export const CASE_YAML = (extra = '') => `case: chat-test
timezone: Europe/London
client:
  name: Dana Client
  email: dana@example.com
  aliases: ["+44 7700 900123"]
${extra}`;

/** Builds a case holding the given files (and fixture folders) and returns the chats and findings. */
export async function readChatCase(files: Record<string, string | Buffer>, yaml = CASE_YAML(), folders: Record<string, string> = {}) {
  const dir = await tempDir();
  await writeFile(join(dir, 'case.yaml'), yaml);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  for (const [name, from] of Object.entries(folders)) await cp(join(CHATS, from), join(dir, name), { recursive: true });
  const analysis = await analyzeCase(dir);
  const chats = analysis.exhibits.filter((e): e is ChatExhibit => e.kind === 'chat');
  return { analysis, chats, findings: analysis.findings, dir };
}

/** One fixture file of fixtures/chats read alone in a case: its chat, messages and findings. */
export async function readChatFixture(path: string, yaml?: string, name = basename(path)) {
  const result = await readChatCase({ [name]: await readFile(join(CHATS, path)) }, yaml);
  const chat = result.chats[0];
  return { ...result, chat: chat!, messages: chat?.messages ?? [] };
}

export const utc = (ms: number) => new Date(ms).toISOString();
export const codes = (findings: readonly Finding[]) => findings.map((f) => f.code).sort();
