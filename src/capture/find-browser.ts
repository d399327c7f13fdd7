import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { UsageError } from '../errors.js';

/** Names the system's Chromium goes by on PATH (Debian's package, other distributions, Google's build). */
export const BROWSER_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'] as const;

/** The browser to drive: `--browser` when given, else the first of BROWSER_NAMES on PATH; a usage error naming the package to install when there is none. */
export function findBrowser(given: string | undefined, path = process.env.PATH ?? ''): string {
  if (given !== undefined) {
    if (!isExecutable(given))
      throw new UsageError('CAPTURE_NO_BROWSER', `--browser ${given} is not an executable file`, {
        hint: 'Pass the path of a Chromium or Chrome executable, e.g. /usr/bin/chromium.',
      });
    return given;
  }
  for (const name of BROWSER_NAMES) {
    for (const dir of path.split(delimiter).filter(Boolean)) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  throw new UsageError('CAPTURE_NO_BROWSER', `no Chromium found on PATH (looked for ${BROWSER_NAMES.join(', ')})`, {
    hint: 'Install the Debian package `chromium` (sudo apt-get install chromium), or pass --browser <path to chromium or chrome>.',
  });
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
