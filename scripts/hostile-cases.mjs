// Hostile cases other than PDFs, for scripts/make-hostile-fixtures.mjs.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Test card numbers the networks publish: Luhn-valid, never real cards. */
export const HOSTILE_PANS = ['4000056655665556', '6011111111111117', '4242424242424242', '5555555555554444', '378282246310005'];

export const caseYaml = (id, extra = '') => `case: ${id}\nprofile: stripe\ntimezone: UTC\nclient:\n  name: Dana Client\n  email: dana@example.com\n${extra}`;

const chat = (lines) => lines.map(([time, who, text]) => `14/03/2024, ${time} - ${who}: ${text}`).join('\n') + '\n';

/** Committed cases. */
export const HOSTILE_TEXT_CASES = {};

/** Cases written only to a temporary folder (special files, names no repository should hold). */
export const TEMP_ONLY_HOSTILE = {};

void writeFile, void join, void chat;
