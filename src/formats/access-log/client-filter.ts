import { BlockList, isIP } from 'node:net';
import { matcher } from '../../chat/matchers.js';
import type { CaseInfo } from '../../evidence/model.js';
import type { LogProbe } from './parse-line.js';

/**
 * Whether a log line is the client's, by case.yaml `access_log:`: its IP among `ip` (addresses
 * or CIDR networks), its user `user` (any case), and its raw line matching one of `match`.
 * Every key given must hold, so a `match` on a download path never lets another IP's request in.
 * Undefined when nothing identifies the client: then no line is shown.
 */
export function clientFilter(spec: CaseInfo['accessLog']): ((entry: LogProbe, line: string) => boolean) | undefined {
  if (!spec || (!spec.ip?.length && !spec.user && !spec.match?.length)) return undefined;
  const ips = spec.ip?.length ? networks(spec.ip) : undefined;
  const user = spec.user?.trim().toLowerCase();
  const patterns = spec.match?.map(matcher);
  return (entry, line) => {
    if (ips && !ips(entry.ip)) return false;
    if (user !== undefined && entry.user?.trim().toLowerCase() !== user) return false;
    if (patterns && !patterns.some((p) => p.test(line))) return false;
    return true;
  };
}

function networks(list: readonly string[]): (ip: string) => boolean {
  // IPv4 addresses are compared as written (one Set lookup per line); networks and IPv6
  // (written many ways: 2001:db8::1 = 2001:0db8:0:0::1) go through node's BlockList.
  const exact = new Set<string>();
  const blocks = new BlockList();
  let needsBlocks = false;
  for (const value of list) {
    const [address, bits] = value.trim().split('/') as [string, string | undefined];
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined && type === 'ipv4') exact.add(address);
    needsBlocks ||= bits !== undefined || type === 'ipv6';
    if (bits === undefined) blocks.addAddress(address, type);
    else blocks.addSubnet(address, Number(bits), type);
  }
  const seen = new Map<string, boolean>();
  return (ip) => {
    if (exact.has(ip)) return true;
    // An IPv4 address logged in IPv6 form (::ffff:203.0.113.7) is the same address.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
    if (mapped !== undefined && exact.has(mapped)) return true;
    if (!needsBlocks) return false;
    let known = seen.get(ip);
    if (known === undefined) {
      const bare = mapped ?? ip;
      const family = isIP(bare);
      known = family !== 0 && blocks.check(bare, family === 6 ? 'ipv6' : 'ipv4');
      if (seen.size > 100_000) seen.clear();
      seen.set(ip, known);
    }
    return known;
  };
}
