// Which addresses http_fetch may connect to: public unicast only. Checked on every address DNS returns, before any
// socket opens, and again on every redirect. The policy is injectable so that tests can reach their local server
// (`allowLoopbackForTests`, in ../testing), but the configuration file has no key that loosens it.
import { embeddedIPv4, inIPv4Range, inIPv6Range, ipv4Number, ipv6Groups } from './ip-address';

/** The reason an address is refused, or null when it may be reached. */
export type AddressPolicy = (address: string) => string | null;

const IPV4_REFUSED: [string, number, string][] = [
  ['0.0.0.0', 8, 'a "this network" address'],
  ['10.0.0.0', 8, 'a private address'],
  ['100.64.0.0', 10, 'a shared (carrier-grade NAT) address'],
  ['127.0.0.0', 8, 'a loopback address'],
  ['169.254.0.0', 16, 'a link-local address'],
  ['172.16.0.0', 12, 'a private address'],
  ['192.0.0.0', 24, 'an IETF protocol address'],
  ['192.0.2.0', 24, 'a documentation address'],
  ['192.88.99.0', 24, 'a 6to4 relay address'],
  ['192.168.0.0', 16, 'a private address'],
  ['198.18.0.0', 15, 'a benchmarking address'],
  ['198.51.100.0', 24, 'a documentation address'],
  ['203.0.113.0', 24, 'a documentation address'],
  ['224.0.0.0', 4, 'a multicast address'],
  ['240.0.0.0', 4, 'a reserved or broadcast address'],
];

const g = (text: string) => ipv6Groups(text)!;
const IPV6_REFUSED: [number[], number, string][] = [
  [g('::1'), 128, 'a loopback address'],
  [g('::'), 128, 'the unspecified address'],
  [g('::'), 96, 'an IPv4-compatible address'],
  [g('64:ff9b:1::'), 48, 'a local NAT64 address'],
  [g('100::'), 64, 'a discard address'],
  [g('2001::'), 32, 'a Teredo address'],
  [g('2001:db8::'), 32, 'a documentation address'],
  [g('fc00::'), 7, 'a unique-local address'],
  [g('fe80::'), 10, 'a link-local address'],
  [g('fec0::'), 10, 'a site-local address'],
  [g('ff00::'), 8, 'a multicast address'],
];

function refusedIPv4(address: string): string | null {
  const n = ipv4Number(address)!;
  const hit = IPV4_REFUSED.find(([base, bits]) => inIPv4Range(n, base, bits));
  return hit ? `${address} is ${hit[2]}` : null;
}

/** Public unicast addresses only; an IPv6 address that carries an IPv4 one is judged by that one too. */
export const publicAddressesOnly: AddressPolicy = (address) => {
  if (ipv4Number(address) !== null) return refusedIPv4(address);
  const groups = ipv6Groups(address);
  if (!groups) return `${address} is not an IP address`;
  // IPv4-mapped (::ffff:a.b.c.d), NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:aabb:ccdd::) reach an IPv4 host.
  const mapped = inIPv6Range(groups, g('::ffff:0:0'), 96) || inIPv6Range(groups, g('64:ff9b::'), 96);
  if (mapped || inIPv6Range(groups, g('2002::'), 16)) {
    const inner = embeddedIPv4(groups, mapped ? 6 : 1);
    const reason = refusedIPv4(inner);
    return reason ? `${address} reaches ${reason}` : null;
  }
  const hit = IPV6_REFUSED.find(([prefix, bits]) => inIPv6Range(groups, prefix, bits));
  return hit ? `${address} is ${hit[2]}` : null;
};
