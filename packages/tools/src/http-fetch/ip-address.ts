// IP addresses as numbers, for range checks: IPv4 as a 32-bit number, IPv6 as eight 16-bit groups (an embedded
// dotted quad and a zone id understood). Only canonical input reaches here: the URL parser has already turned
// decimal, octal and hex spellings of IPv4 (`2130706433`, `0177.0.0.1`, `0x7f.1`) into dotted quads.
import { isIPv4, isIPv6 } from 'node:net';

export function ipv4Number(address: string): number | null {
  if (!isIPv4(address)) return null;
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

export function ipv6Groups(address: string): number[] | null {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!isIPv6(bare)) return null;
  let text = bare.toLowerCase();
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (quad) {
    const n = ipv4Number(quad[1]!)!;
    text = `${text.slice(0, quad.index)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, null];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === null ? [] : new Array(8 - left.length - right.length).fill('0');
  const groups = [...left, ...fill, ...right].map((g) => Number.parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : null;
}

export function inIPv4Range(address: number, base: string, bits: number): boolean {
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return (address & mask) >>> 0 === (ipv4Number(base)! & mask) >>> 0;
}

/** Whether the first `bits` bits of the groups equal those of `prefix` (given as groups). */
export function inIPv6Range(groups: number[], prefix: number[], bits: number): boolean {
  for (let i = 0; i < 8 && bits > 0; i++, bits -= 16) {
    const take = Math.min(16, bits);
    const mask = (0xffff << (16 - take)) & 0xffff;
    if ((groups[i]! & mask) !== ((prefix[i] ?? 0) & mask)) return false;
  }
  return true;
}

/** The IPv4 address in groups 6 and 7 (IPv4-mapped, NAT64), or in groups 1 and 2 (6to4). */
export function embeddedIPv4(groups: number[], at: 1 | 6): string {
  const high = groups[at]!;
  const low = groups[at + 1]!;
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}
