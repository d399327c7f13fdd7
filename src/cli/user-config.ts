import { homedir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { findProfile, PROFILE_NAMES } from '../budget/profiles.js';
import { didYouMean } from '../evidence/suggest.js';
import { readRegularFileSync, UnreadableFileError } from '../io/read-regular.js';

/** A user config longer than this is not one someone wrote. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * The user's own settings, the same for every case: the merchant's name and email and a
 * default profile, in `$XDG_CONFIG_HOME/evidence-packet/config.yaml` (`~/.config/…`;
 * `%APPDATA%\evidence-packet\config.yaml` on Windows). `init` stops asking for them, and
 * `check`/`build` use them when case.yaml says nothing (case.yaml and flags always win).
 */
const configSchema = z.strictObject({
  merchant: z.strictObject({ name: z.string().min(1).optional(), email: z.string().min(3).optional() }).optional(),
  profile: z.string().min(1).optional(),
  /** The program `build --open` opens the packet with, instead of the system's default PDF viewer. */
  viewer: z.string().min(1).optional(),
});
export type UserConfig = z.infer<typeof configSchema>;

export function userConfigPath(): string {
  const env = process.env;
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'evidence-packet', 'config.yaml');
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'evidence-packet', 'config.yaml');
}

let cached: { config: UserConfig; problem?: string } | undefined;

/** The user config, or an empty one; `problem` says why a file that is there was not used. */
export function readUserConfig(): { config: UserConfig; problem?: string } {
  if (cached) return cached;
  const path = userConfigPath();
  let text: string;
  try {
    text = readRegularFileSync(path, MAX_CONFIG_BYTES).toString('utf8');
  } catch (error) {
    // Absent is the usual case; a pipe, a device or a huge file in its place is said.
    if (error instanceof UnreadableFileError) return (cached = { config: {}, problem: `${error.message}; it is not used` });
    return (cached = { config: {} });
  }
  try {
    const parsed = configSchema.safeParse(parse(text, { maxAliasCount: 10 }) ?? {});
    if (parsed.success && parsed.data.profile && !findProfile(parsed.data.profile)) {
      return (cached = {
        config: { ...parsed.data, profile: undefined },
        problem: `${path}: unknown profile "${parsed.data.profile}".${didYouMean(parsed.data.profile, PROFILE_NAMES)} The rest is used`,
      });
    }
    if (parsed.success) return (cached = { config: parsed.data });
    const issue = parsed.error.issues[0]!;
    return (cached = { config: {}, problem: `${path}: ${issue.path.join('.') || 'config'}: ${issue.message}; it is not used` });
  } catch (error) {
    return (cached = {
      config: {},
      problem: `${path} is not valid YAML (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); it is not used`,
    });
  }
}
