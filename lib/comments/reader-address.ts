import 'server-only';
import { createHash } from 'node:crypto';
import { settings } from '@/lib/settings.mjs';
import { readerAddressHeader } from '@/server/runtime.mjs';

/**
 * The reader's address, for rate limits only. `server/serve.mjs` puts the
 * socket address in `x-khabar-peer` (overwriting anything a client sent).
 * Behind a reverse proxy (TRUST_PROXY=1) the proxy's own entry, the last in
 * X-Forwarded-For, is the reader; earlier entries are whatever the client claimed.
 */
export function clientAddress(headers: Headers, trustProxy = settings().trustProxy): string {
  const peer = headers.get(readerAddressHeader)?.trim();
  const forwarded = headers.get('x-forwarded-for')?.split(',').map((s) => s.trim()).filter(Boolean).at(-1);
  if (trustProxy) return forwarded ?? peer ?? 'unknown';
  // Without our server in front (plain `next start`), Next fills X-Forwarded-For from the socket.
  return peer ?? forwarded ?? 'unknown';
}

/** Only this salted hash is stored; the address itself never is. */
export function hashClient(address: string, salt: string): string {
  return createHash('sha256').update(salt).update('\0').update(address).digest('base64url');
}

/** Eight 16-bit groups of an IPv6 address, or undefined when it is not one. */
function ipv6Groups(address: string): number[] | undefined {
  const text = address.replace(/%.*$/, '').toLowerCase();
  if (!/^[0-9a-f:.]+$/.test(text) || !text.includes(':')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    for (const group of part.split(':')) {
      if (group.includes('.')) {
        // An embedded IPv4 tail (::ffff:192.0.2.1) is two groups.
        const octets = group.split('.').map(Number);
        if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o) || o < 0 || o > 255)) return undefined;
        out.push((octets[0]! << 8) | octets[1]!, (octets[2]! << 8) | octets[3]!);
      } else if (/^[0-9a-f]{1,4}$/.test(group)) out.push(parseInt(group, 16));
      else return undefined;
    }
    return out;
  };
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  return [...head, ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
}

/**
 * The unit a limit counts per: an IPv4 address, or the /64 an IPv6 address belongs to (one home
 * or phone is given a whole /64, so counting single addresses would let it rotate freely).
 * IPv4-mapped IPv6 addresses count as the IPv4 address they carry.
 */
export function addressGroup(address: string): string {
  const groups = ipv6Groups(address.trim());
  if (!groups) return address.trim().toLowerCase();
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  }
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}
