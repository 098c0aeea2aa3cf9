// Which IP addresses an outbound call may reach: the IANA special-purpose registries (IPv4 and IPv6) as data,
// addresses compared as 16 bytes, so IPv4, IPv4-mapped IPv6 (`::ffff:7f00:1`) and NAT64 (`64:ff9b::7f00:1`)
// forms of one address are judged alike.
import net from 'node:net';

type Bytes = Uint8Array;

/** An address as 16 bytes (IPv4 as IPv4-mapped IPv6), or undefined when it is not an IP address. */
export function ipBytes(ip: string): Bytes | undefined {
  const bare = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, ''); // brackets and a zone id are not the address
  if (net.isIPv4(bare)) return Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...bare.split('.').map(Number)]);
  if (!net.isIPv6(bare)) return undefined;
  let text = bare.toLowerCase();
  // A trailing dotted quad (`::ffff:127.0.0.1`) is the last two groups.
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -quad[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') as [string, string] : [text, undefined];
  const groups = (s: string) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const h = groups(head);
  const t = tail === undefined ? [] : groups(tail);
  const all = [...h, ...new Array(8 - h.length - t.length).fill(0), ...t];
  const out = new Uint8Array(16);
  all.forEach((g, i) => {
    out[i * 2] = g >> 8;
    out[i * 2 + 1] = g & 0xff;
  });
  return out;
}

interface Range {
  prefix: Bytes;
  bits: number;
  name: string;
}

function range(cidr: string, name: string): Range {
  const [addr, len] = cidr.split('/') as [string, string];
  const v4 = net.isIPv4(addr);
  return { prefix: ipBytes(addr)!, bits: Number(len) + (v4 ? 96 : 0), name };
}

function inRange(ip: Bytes, r: Range): boolean {
  const whole = r.bits >> 3;
  for (let i = 0; i < whole; i++) if (ip[i] !== r.prefix[i]) return false;
  const rest = r.bits & 7;
  if (!rest) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (ip[whole]! & mask) === (r.prefix[whole]! & mask);
}

/** IPv4 special-purpose address registry: every block that is not globally reachable unicast. */
const SPECIAL_V4 = [
  range('0.0.0.0/8', '"this network"'),
  range('10.0.0.0/8', 'private-use'),
  range('100.64.0.0/10', 'shared address space (carrier-grade NAT)'),
  range('127.0.0.0/8', 'loopback'),
  range('169.254.0.0/16', 'link-local'),
  range('172.16.0.0/12', 'private-use'),
  range('192.0.0.0/24', 'IETF protocol assignments'),
  range('192.0.2.0/24', 'documentation (TEST-NET-1)'),
  range('192.88.99.0/24', 'deprecated 6to4 relay anycast'),
  range('192.168.0.0/16', 'private-use'),
  range('198.18.0.0/15', 'benchmarking'),
  range('198.51.100.0/24', 'documentation (TEST-NET-2)'),
  range('203.0.113.0/24', 'documentation (TEST-NET-3)'),
  range('224.0.0.0/4', 'multicast'),
  range('240.0.0.0/4', 'reserved'),
];

/** IPv6: only global unicast (2000::/3) may be reached, minus the special blocks inside it. */
const GLOBAL_UNICAST_V6 = range('2000::/3', 'global unicast');
const SPECIAL_V6 = [
  range('2001::/23', 'IETF protocol assignments (Teredo, benchmarking, ORCHID…)'),
  range('2001:db8::/32', 'documentation'),
  range('2002::/16', '6to4'),
  range('3fff::/20', 'documentation'),
];
const NAMED_V6 = [
  range('::/128', 'unspecified'),
  range('::1/128', 'loopback'),
  range('64:ff9b:1::/48', 'local-use IPv4/IPv6 translation'),
  range('100::/64', 'discard-only'),
  range('5f00::/16', 'segment routing (SRv6) SIDs'),
  range('fc00::/7', 'unique local'),
  range('fe80::/10', 'link-local'),
  range('fec0::/10', 'site-local (deprecated)'),
  range('ff00::/8', 'multicast'),
];
const IPV4_MAPPED = range('::ffff:0:0/96', 'IPv4-mapped');
const NAT64 = range('64:ff9b::/96', 'IPv4/IPv6 translation (NAT64)');

/**
 * Instance metadata services (AWS, GCP, Azure, Oracle, DigitalOcean, OpenStack: 169.254.169.254; ECS task
 * metadata 169.254.170.2; AWS over IPv6; Alibaba Cloud), refused even where private receivers are allowed.
 */
const METADATA = [
  range('169.254.169.254/32', 'cloud instance metadata'),
  range('169.254.170.2/32', 'container metadata (ECS)'),
  range('fd00:ec2::254/128', 'cloud instance metadata (AWS, IPv6)'),
  range('100.100.100.200/32', 'cloud instance metadata (Alibaba Cloud)'),
];

/** The embedded IPv4 address of an IPv4-mapped or NAT64 (64:ff9b::/96) address, as 16 bytes. */
function embeddedV4(ip: Bytes): Bytes | undefined {
  if (!inRange(ip, IPV4_MAPPED) && !inRange(ip, NAT64)) return undefined;
  return Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...ip.subarray(12)]);
}

/** Why this address is a cloud metadata service, if it is one (in any of its forms). */
export function metadataAddress(ip: string): string | undefined {
  const b = ipBytes(ip);
  if (!b) return undefined;
  const v4 = embeddedV4(b) ?? b;
  return METADATA.find((r) => inRange(v4, r) || inRange(b, r))?.name;
}

/** Why this address is not globally reachable unicast, if it is not (undefined: public). */
export function specialAddress(ip: string): string | undefined {
  const b = ipBytes(ip);
  if (!b) return 'not an IP address';
  const v4 = embeddedV4(b);
  if (v4) return SPECIAL_V4.find((r) => inRange(v4, r))?.name;
  const named = NAMED_V6.find((r) => inRange(b, r));
  if (named) return named.name;
  if (!inRange(b, GLOBAL_UNICAST_V6)) return 'reserved IPv6 space (not global unicast)';
  return SPECIAL_V6.find((r) => inRange(b, r))?.name;
}
