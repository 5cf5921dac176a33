/**
 * Which destinations the platform may send requests to on a user's behalf (webhooks), so a stored URL cannot
 * turn the platform into a proxy into its own network (SSRF).
 *
 * The allowlist is a comma separated setting. Each entry is one of:
 *   - a host name, matched exactly and case-insensitively: `trainer.internal.example`;
 *   - a wildcard suffix, matching sub-domains only: `*.ml.example` matches `a.ml.example`, not `ml.example`;
 *   - an IP address: `127.0.0.1`, `::1`;
 *   - a CIDR range: `10.20.0.0/16`, `fd00::/8`.
 * An empty allowlist permits nothing: outbound requests stay off until an operator lists hosts.
 *
 * Two checks, because a name can change what it points to between them:
 *   - when a URL is stored (`checkUrl`, no DNS): http or https only, no `user:pass@`, and the host must match
 *     an entry. Hosts written as IP addresses, in any form the URL parser accepts (`2130706433`, `0x7f.1`),
 *     are compared as the address they denote.
 *   - when the request is sent (`checkAddress`, on every address the name resolves to): each address must be
 *     a public unicast address or lie inside an IP or CIDR entry. Listing a name never opens the addresses
 *     it resolves to: with `localhost` listed, 127.0.0.1 is still refused until `127.0.0.1` is listed too.
 * Refused without an IP or CIDR entry: loopback, private, link-local, unique-local, carrier-grade NAT,
 * multicast, broadcast, reserved, unspecified and other special-purpose addresses, and IPv6 addresses outside
 * the global unicast range 2000::/3. IPv4-mapped and IPv4-translated IPv6 addresses and the NAT64
 * well-known prefix are judged by the IPv4 address they embed; 6to4, Teredo, local-use NAT64 and
 * IPv4-compatible IPv6 addresses are refused, as they can reach IPv4 hosts this check cannot see.
 * Ports are not restricted.
 */
import ipaddr from 'ipaddr.js';
import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';

/** A parsed allowlist; build it with `parseAllowedHosts`. */
export interface AllowedHosts {
  /** The setting the list came from, named in every refusal so a person knows what to change. */
  readonly setting: string;
  readonly names: ReadonlySet<string>;
  /** Wildcard entries without the `*`: `.ml.example`. */
  readonly suffixes: readonly string[];
  /** IP entries as single-address ranges, and CIDR entries; IPv4-mapped entries are stored as IPv4. */
  readonly ranges: readonly (readonly [Address, number])[];
}

export type OutboundVerdict = { ok: true } | { ok: false; reason: string };

export class InvalidAllowedHostsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
    this.name = 'InvalidAllowedHostsError';
  }
}

type Address = ipaddr.IPv4 | ipaddr.IPv6;

const HOST_LABEL = /^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/;
const NUMERIC_LABEL = /^(0x[0-9a-f]*|[0-9]+)$/i;

/** Parses an allowlist setting; throws `InvalidAllowedHostsError` naming every invalid entry. */
export function parseAllowedHosts(text: string, setting: string): AllowedHosts {
  const names = new Set<string>();
  const suffixes: string[] = [];
  const ranges: [Address, number][] = [];
  const problems: string[] = [];
  for (const entry of text.split(',').map((item) => item.trim()).filter((item) => item.length > 0)) {
    const parsed = parseEntry(entry);
    if (typeof parsed === 'string') problems.push(`${setting}: '${entry}' ${parsed}`);
    else if (parsed.kind === 'name') names.add(parsed.name);
    else if (parsed.kind === 'suffix') suffixes.push(parsed.suffix);
    else ranges.push(parsed.range);
  }
  if (problems.length > 0) throw new InvalidAllowedHostsError(problems);
  return { setting, names, suffixes, ranges };
}

type Entry = { kind: 'name'; name: string } | { kind: 'suffix'; suffix: string } | { kind: 'range'; range: [Address, number] };

/** An entry, or why it is not one. */
function parseEntry(entry: string): Entry | string {
  if (entry.includes('://')) return 'is a URL; list only its host, as in trainer.example';
  if (entry.includes('%')) return 'has a zone index; list the address without it';
  if (entry.includes('/')) return parseCidrEntry(entry);
  const literal = entry.startsWith('[') && entry.endsWith(']') ? entry.slice(1, -1) : entry;
  if (isIP(literal) !== 0) {
    const address = unmapped(ipaddr.parse(literal));
    return { kind: 'range', range: [address, address.kind() === 'ipv4' ? 32 : 128] };
  }
  if (entry.startsWith('*.')) {
    const name = hostName(entry.slice(2));
    return typeof name === 'string' ? { kind: 'suffix', suffix: `.${name}` } : `is not a valid wildcard: ${name.problem}`;
  }
  if (entry.includes('*')) return 'is not a valid wildcard: only a leading *. is supported, as in *.ml.example';
  if (entry.includes(':')) return 'is not a host name, IP address or CIDR range (a port is not part of an entry)';
  const name = hostName(entry);
  return typeof name === 'string' ? { kind: 'name', name } : name.problem;
}

function parseCidrEntry(entry: string): Entry | string {
  const [address, bits] = entry.split('/');
  if (isIP(address) === 0 || !/^\d{1,3}$/.test(bits) || !ipaddr.isValidCIDR(entry)) {
    return 'is not a valid CIDR range: write it as a.b.c.d/n or an IPv6 address/n, as in 10.20.0.0/16 or fd00::/8';
  }
  const [network, prefix] = ipaddr.parseCIDR(entry);
  const first = network.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(entry) : ipaddr.IPv6.networkAddressFromCIDR(entry);
  if (first.toString() !== network.toString()) return `has bits set after the prefix; did you mean ${first.toString()}/${prefix}?`;
  if (network instanceof ipaddr.IPv6 && network.isIPv4MappedAddress() && prefix >= 96) return { kind: 'range', range: [network.toIPv4Address(), prefix - 96] };
  return { kind: 'range', range: [network, prefix] };
}

/** A lower-case ASCII host name, or why the text is not one. */
function hostName(text: string): string | { problem: string } {
  const ascii = domainToASCII(text.replace(/\.$/, ''));
  const labels = ascii.split('.');
  if (ascii.length === 0 || ascii.length > 253 || !labels.every((label) => HOST_LABEL.test(label))) {
    return { problem: 'is not a valid host name' };
  }
  if (NUMERIC_LABEL.test(labels[labels.length - 1])) return { problem: 'looks like an IP address; write IPv4 addresses as four decimal numbers, as in 10.0.0.1' };
  return ascii;
}

/** The check when a URL is stored: scheme, credentials and host, without resolving the host. */
export function checkUrl(text: string, allowed: AllowedHosts): { ok: true; url: URL } | { ok: false; reason: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'the URL is not a valid absolute URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: `the URL scheme ${url.protocol} is not allowed; use http or https` };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'the URL must not contain a user name or password (user:pass@)' };
  const host = urlHost(url);
  const add = `add it to ${allowed.setting} to allow it`;
  if (isIP(host) !== 0) {
    const address = ipaddr.parse(host);
    if (inRanges(address, allowed)) return { ok: true, url };
    const use = specialUse(address);
    return { ok: false, reason: use ? `host ${host} is ${use}; ${add}` : `host ${host} is not listed in ${allowed.setting}; ${add}` };
  }
  const name = host.replace(/\.$/, '');
  if (allowed.names.has(name) || allowed.suffixes.some((suffix) => name.endsWith(suffix))) return { ok: true, url };
  if (isEmpty(allowed)) return { ok: false, reason: `host ${name} is not allowed: ${allowed.setting} is empty, so outbound requests are off; ${add}` };
  return { ok: false, reason: `host ${name} is not listed in ${allowed.setting}; ${add}` };
}

/** The check at send time, on each address a host resolved to (or on a host written as an address). */
export function checkAddress(text: string, allowed: AllowedHosts): OutboundVerdict {
  if (!ipaddr.isValid(text) || isIP(text.replace(/%.*$/, '')) === 0) return { ok: false, reason: `${text} is not an IP address` };
  const address = ipaddr.parse(text);
  if (inRanges(address, allowed)) return { ok: true };
  const use = specialUse(address);
  if (use === null) return { ok: true };
  return { ok: false, reason: `${text} is ${use}; add it (or a CIDR range holding it) to ${allowed.setting} to allow it` };
}

/** The host as a bare name or address: IPv6 brackets removed. */
export function urlHost(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

function isEmpty(allowed: AllowedHosts): boolean {
  return allowed.names.size === 0 && allowed.suffixes.length === 0 && allowed.ranges.length === 0;
}

function inRanges(address: Address, allowed: AllowedHosts): boolean {
  const candidate = unmapped(address);
  return allowed.ranges.some(([network, prefix]) => network.kind() === candidate.kind() && candidate.match(network, prefix));
}

function unmapped(address: Address): Address {
  return address instanceof ipaddr.IPv6 && address.isIPv4MappedAddress() ? address.toIPv4Address() : address;
}

const IPV4_USES: Partial<Record<string, string>> = {
  broadcast: 'the broadcast address',
  carrierGradeNat: 'a carrier-grade NAT (shared) address',
  linkLocal: 'a link-local address',
  loopback: 'a loopback address',
  multicast: 'a multicast address',
  private: 'a private address',
  reserved: 'a reserved address',
  unspecified: 'an unspecified address',
};

const IPV6_USES: Partial<Record<string, string>> = {
  benchmarking: 'a benchmarking address',
  deprecatedSiteLocal: 'a site-local address',
  discard: 'a discard-only address',
  linkLocal: 'a link-local address',
  loopback: 'a loopback address',
  multicast: 'a multicast address',
  reserved: 'a reserved address',
  teredo: 'a Teredo address',
  uniqueLocal: 'a unique-local address',
  unspecified: 'the unspecified address',
};

const GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3');
const NAT64_WELL_KNOWN = ipaddr.parseCIDR('64:ff9b::/96');
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

/** What makes an address unfit as a public destination, or null for a public unicast address. */
function specialUse(address: Address): string | null {
  if (address instanceof ipaddr.IPv4) {
    const range = address.range();
    return range === 'unicast' ? null : (IPV4_USES[range] ?? `a special-purpose (${range}) address`);
  }
  const range = address.range();
  const low = new ipaddr.IPv4(address.toByteArray().slice(12));
  if (range === 'ipv4Mapped' || range === 'rfc6145' || address.match(NAT64_WELL_KNOWN)) {
    const form = range === 'ipv4Mapped' ? 'an IPv4-mapped' : range === 'rfc6145' ? 'an IPv4-translated' : 'a NAT64';
    const inner = specialUse(low);
    return inner === null ? null : `${form} IPv6 address of ${low.toString()}, ${inner}`;
  }
  if (range === 'unspecified' || range === 'loopback') return IPV6_USES[range]!;
  if (address.match(IPV4_COMPATIBLE)) return `a deprecated IPv4-compatible IPv6 address (of ${low.toString()})`;
  if (range === '6to4') return `a 6to4 address (embedding ${new ipaddr.IPv4(address.toByteArray().slice(2, 6)).toString()})`;
  if (range === 'rfc6052') return 'a local-use NAT64 address';
  if (range !== 'unicast') return IPV6_USES[range] ?? `a special-purpose (${range}) address`;
  return address.match(GLOBAL_UNICAST) ? null : 'an address outside the global unicast range 2000::/3';
}
