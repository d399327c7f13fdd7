import { printError, safeText, stderrColors } from './output.js';
import { readUserConfig } from './user-config.js';

/**
 * `build --open`: the packet opened in the system's PDF viewer (open: `open` on macOS,
 * PowerShell's Start on Windows and WSL, xdg-open elsewhere), or in the user config's
 * `viewer`. The packet is written already, so a viewer that cannot start is a warning.
 */
export async function openPacket(path: string): Promise<void> {
  const { default: open } = await import('open');
  const viewer = readUserConfig().config.viewer;
  try {
    await open(path, viewer ? { app: { name: viewer } } : {});
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    printError(
      `${stderrColors.yellow.bold('warning')} could not open ${safeText(path)} (${safeText(why)}): the packet is written; open it yourself${viewer ? `, or fix viewer: in the user config` : ''}.`,
    );
  }
}
