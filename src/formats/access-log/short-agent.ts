/**
 * A user agent as a reviewer reads it: "Chrome 122 on macOS". The full string is in the
 * source file (its SHA-256 is in the appendix); the packet shows the browser and the system.
 */
export function shortAgent(agent: string): string {
  const browser =
    pick(agent, /\b(Edg|EdgA|EdgiOS)\/(\d+)/, 'Edge') ??
    pick(agent, /\b(OPR)\/(\d+)/, 'Opera') ??
    pick(agent, /\b(Firefox|FxiOS)\/(\d+)/, 'Firefox') ??
    pick(agent, /\b(Chrome|CriOS|Chromium)\/(\d+)/, 'Chrome') ??
    pick(agent, /\bVersion\/(\d+)(?:\.\d+)*.*\bSafari\//, 'Safari', 1) ??
    pick(agent, /\b(curl|Wget|python-requests|Go-http-client|okhttp)\/([\d.]+)/i, undefined);
  const system = /\b(iPhone|iPad)\b/.test(agent)
    ? 'iOS'
    : /\bAndroid\b/.test(agent)
      ? 'Android'
      : /\bWindows\b/.test(agent)
        ? 'Windows'
        : /\bMac OS X\b|\bMacintosh\b/.test(agent)
          ? 'macOS'
          : /\bCrOS\b/.test(agent)
            ? 'ChromeOS'
            : /\bLinux\b/.test(agent)
              ? 'Linux'
              : undefined;
  if (!browser && !system) return agent.length > 40 ? `${agent.slice(0, 39)}…` : agent;
  return [browser, system].filter(Boolean).join(' on ');
}

function pick(agent: string, pattern: RegExp, name: string | undefined, versionGroup = 2): string | undefined {
  const m = pattern.exec(agent);
  if (!m) return undefined;
  return `${name ?? m[1]} ${m[versionGroup]}`;
}
