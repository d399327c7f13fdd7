// `npm run build` starts from an empty dist/, so a source file deleted or renamed leaves no
// stale module behind to be packed and shipped.
import { rmSync } from 'node:fs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
