import { describe, expect, it } from '@jest/globals';

import { checkAddress, checkUrl, InvalidAllowedHostsError, parseAllowedHosts } from './outbound-policy.js';

const SETTING = 'RETRAINING_WEBHOOK_ALLOWED_HOSTS';
const allow = (text: string) => parseAllowedHosts(text, SETTING);
const reasonOf = (verdict: { ok: true } | { ok: false; reason: string }): string => (verdict.ok ? 'permitted' : verdict.reason);

describe(parseAllowedHosts.name, () => {
  const sut = allow;

  it('reads names, wildcards, IP addresses and CIDR ranges, ignoring blanks around and between entries', () => {
    const allowed = sut(' Trainer.Internal.Example , *.ml.example,127.0.0.1, [::1], 10.20.0.0/16, fd00::/8,, ');
    expect([...allowed.names]).toEqual(['trainer.internal.example']);
    expect(allowed.suffixes).toEqual(['.ml.example']);
    expect(allowed.ranges.map(([network, prefix]) => `${network.toString()}/${prefix}`)).toEqual(['127.0.0.1/32', '::1/128', '10.20.0.0/16', 'fd00::/8']);
    expect(allowed.setting).toBe(SETTING);
  });

  it('reads an empty setting as an empty allowlist', () => {
    const allowed = sut('');
    expect(allowed.names.size + allowed.suffixes.length + allowed.ranges.length).toBe(0);
  });

  it('stores IPv4-mapped entries as the IPv4 address or range they denote', () => {
    expect(sut('::ffff:127.0.0.1, ::ffff:10.0.0.0/104').ranges.map(([network, prefix]) => `${network.toString()}/${prefix}`)).toEqual(['127.0.0.1/32', '10.0.0.0/8']);
  });

  it('names the setting and every invalid entry in one error', () => {
    let thrown: unknown;
    try {
      sut('ok.example, http://x.example, host.example:8080, a.*.example, 10.0.0.0/33, 10.20.1.0/16, 0x7f.1, 2130706433, bad_host!, *, fe80::1%eth0');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidAllowedHostsError);
    expect((thrown as InvalidAllowedHostsError).problems).toEqual([
      `${SETTING}: 'http://x.example' is a URL; list only its host, as in trainer.example`,
      `${SETTING}: 'host.example:8080' is not a host name, IP address or CIDR range (a port is not part of an entry)`,
      `${SETTING}: 'a.*.example' is not a valid wildcard: only a leading *. is supported, as in *.ml.example`,
      `${SETTING}: '10.0.0.0/33' is not a valid CIDR range: write it as a.b.c.d/n or an IPv6 address/n, as in 10.20.0.0/16 or fd00::/8`,
      `${SETTING}: '10.20.1.0/16' has bits set after the prefix; did you mean 10.20.0.0/16?`,
      `${SETTING}: '0x7f.1' looks like an IP address; write IPv4 addresses as four decimal numbers, as in 10.0.0.1`,
      `${SETTING}: '2130706433' looks like an IP address; write IPv4 addresses as four decimal numbers, as in 10.0.0.1`,
      `${SETTING}: 'bad_host!' is not a valid host name`,
      `${SETTING}: '*' is not a valid wildcard: only a leading *. is supported, as in *.ml.example`,
      `${SETTING}: 'fe80::1%eth0' has a zone index; list the address without it`,
    ]);
  });

  it('refuses a CIDR range whose address is not written in dotted decimal', () => {
    expect(() => sut('10.1/16')).toThrow(InvalidAllowedHostsError);
  });
});

describe(checkUrl.name, () => {
  const sut = checkUrl;

  describe('refuses special-purpose IPv4 hosts that are not listed, naming what they are and the setting', () => {
    const allowed = allow('trainer.example');
    it.each([
      ['http://169.254.169.254/latest/meta-data/', 'host 169.254.169.254 is a link-local address'],
      ['http://127.0.0.1:6379/', 'host 127.0.0.1 is a loopback address'],
      ['http://127.8.9.10/', 'host 127.8.9.10 is a loopback address'],
      ['http://10.0.0.1/', 'host 10.0.0.1 is a private address'],
      ['http://172.16.5.4/', 'host 172.16.5.4 is a private address'],
      ['http://192.168.1.1/', 'host 192.168.1.1 is a private address'],
      ['http://100.64.0.1/', 'host 100.64.0.1 is a carrier-grade NAT (shared) address'],
      ['http://224.0.0.1/', 'host 224.0.0.1 is a multicast address'],
      ['http://255.255.255.255/', 'host 255.255.255.255 is the broadcast address'],
      ['http://240.0.0.1/', 'host 240.0.0.1 is a reserved address'],
      ['http://192.0.2.1/', 'host 192.0.2.1 is a reserved address'],
      ['http://0.0.0.0/', 'host 0.0.0.0 is an unspecified address'],
    ])('%s', (url, described) => {
      expect(reasonOf(sut(url, allowed))).toBe(`${described}; add it to ${SETTING} to allow it`);
    });
  });

  describe('reads numeric IPv4 forms as the address the URL parser makes of them', () => {
    const allowed = allow('trainer.example');
    it.each(['http://2130706433/', 'http://0x7f.1/', 'http://017700000001/', 'http://0x7f000001/', 'http://127.1/', 'http://0177.0.0.1/'])('%s', (url) => {
      expect(reasonOf(sut(url, allowed))).toBe(`host 127.0.0.1 is a loopback address; add it to ${SETTING} to allow it`);
    });
  });

  describe('refuses special-purpose IPv6 hosts that are not listed', () => {
    const allowed = allow('trainer.example');
    it.each([
      ['http://[::1]:27017/', 'host ::1 is a loopback address'],
      ['http://[::]/', 'host :: is the unspecified address'],
      ['http://[fd12:3456::1]/', 'host fd12:3456::1 is a unique-local address'],
      ['http://[fc00::1]/', 'host fc00::1 is a unique-local address'],
      ['http://[fe80::1]/', 'host fe80::1 is a link-local address'],
      ['http://[ff02::1]/', 'host ff02::1 is a multicast address'],
      ['http://[fec0::1]/', 'host fec0::1 is a site-local address'],
      ['http://[2001:db8::1]/', 'host 2001:db8::1 is a reserved address'],
      ['http://[::ffff:127.0.0.1]/', 'host ::ffff:7f00:1 is an IPv4-mapped IPv6 address of 127.0.0.1, a loopback address'],
      ['http://[::ffff:169.254.169.254]/', 'host ::ffff:a9fe:a9fe is an IPv4-mapped IPv6 address of 169.254.169.254, a link-local address'],
      ['http://[::ffff:0:10.0.0.1]/', 'host ::ffff:0:a00:1 is an IPv4-translated IPv6 address of 10.0.0.1, a private address'],
      ['http://[64:ff9b::127.0.0.1]/', 'host 64:ff9b::7f00:1 is a NAT64 IPv6 address of 127.0.0.1, a loopback address'],
      ['http://[64:ff9b:1::a00:1]/', 'host 64:ff9b:1::a00:1 is a local-use NAT64 address'],
      ['http://[::127.0.0.1]/', 'host ::7f00:1 is a deprecated IPv4-compatible IPv6 address (of 127.0.0.1)'],
      ['http://[2002:7f00:1::1]/', 'host 2002:7f00:1::1 is a 6to4 address (embedding 127.0.0.1)'],
      ['http://[2001:0:4136:e378::1]/', 'host 2001:0:4136:e378::1 is a Teredo address'],
    ])('%s', (url, described) => {
      expect(reasonOf(sut(url, allowed))).toBe(`${described}; add it to ${SETTING} to allow it`);
    });
  });

  it('refuses a public address that is not listed, since every host must be listed', () => {
    expect(reasonOf(sut('http://8.8.8.8/', allow('trainer.example')))).toBe(`host 8.8.8.8 is not listed in ${SETTING}; add it to ${SETTING} to allow it`);
  });

  it('permits a listed special-purpose address, as an address or as part of a range', () => {
    const allowed = allow('127.0.0.1, ::1, 10.20.0.0/16, fd00::/8');
    for (const url of ['http://127.0.0.1:6379/', 'http://2130706433/', 'http://[::1]:27017/', 'http://10.20.3.4/', 'http://[fd00::7]/']) {
      expect(sut(url, allowed).ok).toBe(true);
    }
    expect(reasonOf(sut('http://127.0.0.2/', allowed))).toBe(`host 127.0.0.2 is a loopback address; add it to ${SETTING} to allow it`);
    expect(reasonOf(sut('http://10.21.0.1/', allowed))).toBe(`host 10.21.0.1 is a private address; add it to ${SETTING} to allow it`);
    expect(reasonOf(sut('http://[fe00::1]/', allowed))).toBe(`host fe00::1 is an address outside the global unicast range 2000::/3; add it to ${SETTING} to allow it`);
  });

  it('treats an IPv4-mapped host as the IPv4 address it maps, for listing', () => {
    expect(sut('http://[::ffff:127.0.0.1]/', allow('127.0.0.1')).ok).toBe(true);
    expect(sut('http://127.0.0.1/', allow('::ffff:127.0.0.1')).ok).toBe(true);
  });

  it('matches names exactly and case-insensitively, ignoring a trailing dot', () => {
    const allowed = allow('trainer.internal.example');
    expect(sut('https://TRAINER.internal.example/jobs', allowed).ok).toBe(true);
    expect(sut('https://trainer.internal.example./jobs', allowed).ok).toBe(true);
    expect(reasonOf(sut('https://a.trainer.internal.example/', allowed))).toBe(`host a.trainer.internal.example is not listed in ${SETTING}; add it to ${SETTING} to allow it`);
    expect(sut('https://trainer.internal.example.evil.example/', allowed).ok).toBe(false);
  });

  it('matches a wildcard against sub-domains only', () => {
    const allowed = allow('*.ml.example');
    expect(sut('https://a.ml.example/', allowed).ok).toBe(true);
    expect(sut('https://a.b.ml.example/', allowed).ok).toBe(true);
    expect(sut('https://ml.example/', allowed).ok).toBe(false);
    expect(sut('https://evilml.example/', allowed).ok).toBe(false);
    expect(sut('https://a.ml.example.evil.example/', allowed).ok).toBe(false);
  });

  it('matches an internationalised name in its ASCII form', () => {
    expect(sut('https://über.example/', allow('Über.example')).ok).toBe(true);
  });

  it('does not let a listed name stand in for an address, nor an address for a name', () => {
    expect(sut('http://127.0.0.1/', allow('localhost')).ok).toBe(false);
    expect(sut('http://localhost/', allow('127.0.0.1')).ok).toBe(false);
  });

  it('permits nothing with an empty allowlist, saying that outbound requests are off', () => {
    expect(reasonOf(sut('https://trainer.example/', allow('')))).toBe(
      `host trainer.example is not allowed: ${SETTING} is empty, so outbound requests are off; add it to ${SETTING} to allow it`,
    );
    expect(sut('http://169.254.169.254/', allow('')).ok).toBe(false);
    expect(sut('http://8.8.8.8/', allow('')).ok).toBe(false);
  });

  it('refuses schemes other than http and https', () => {
    const allowed = allow('trainer.example');
    expect(reasonOf(sut('ftp://trainer.example/', allowed))).toBe('the URL scheme ftp: is not allowed; use http or https');
    expect(reasonOf(sut('file:///etc/passwd', allowed))).toBe('the URL scheme file: is not allowed; use http or https');
    expect(sut('gopher://trainer.example:6379/_', allowed).ok).toBe(false);
    expect(sut('https://trainer.example/', allowed).ok).toBe(true);
  });

  it('refuses credentials in the URL even for a listed host', () => {
    const allowed = allow('trainer.example');
    expect(reasonOf(sut('http://user:pass@trainer.example/', allowed))).toBe('the URL must not contain a user name or password (user:pass@)');
    expect(sut('http://user@trainer.example/', allowed).ok).toBe(false);
    expect(sut('http://:pass@trainer.example/', allowed).ok).toBe(false);
  });

  it('judges the host after the credentials, not the text before an @', () => {
    expect(sut('http://trainer.example@127.0.0.1/', allow('trainer.example')).ok).toBe(false);
  });

  it('refuses text that is not an absolute URL', () => {
    expect(reasonOf(sut('/relative/path', allow('trainer.example')))).toBe('the URL is not a valid absolute URL');
  });

  it('returns the parsed URL when permitted', () => {
    const result = sut('https://trainer.example:8443/jobs?x=1', allow('trainer.example'));
    expect(result.ok && result.url.href).toBe('https://trainer.example:8443/jobs?x=1');
  });
});

describe(checkAddress.name, () => {
  const sut = checkAddress;

  it('permits public unicast addresses without any entry', () => {
    for (const address of ['8.8.8.8', '93.184.216.34', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808']) {
      expect(sut(address, allow('')).ok).toBe(true);
    }
  });

  describe('refuses special-purpose addresses, whatever names are listed', () => {
    const allowed = allow('localhost, *.internal.example');
    it.each([
      ['127.0.0.1', 'a loopback address'],
      ['10.1.2.3', 'a private address'],
      ['169.254.169.254', 'a link-local address'],
      ['100.100.100.200', 'a carrier-grade NAT (shared) address'],
      ['0.0.0.0', 'an unspecified address'],
      ['::1', 'a loopback address'],
      ['::', 'the unspecified address'],
      ['fd00::1', 'a unique-local address'],
      ['fe80::1', 'a link-local address'],
      ['fe80::1%eth0', 'a link-local address'],
      ['::ffff:127.0.0.1', 'an IPv4-mapped IPv6 address of 127.0.0.1, a loopback address'],
      ['64:ff9b::a9fe:a9fe', 'a NAT64 IPv6 address of 169.254.169.254, a link-local address'],
    ])('%s', (address, described) => {
      expect(reasonOf(sut(address, allowed))).toBe(`${address} is ${described}; add it (or a CIDR range holding it) to ${SETTING} to allow it`);
    });
  });

  it('permits special-purpose addresses inside an IP or CIDR entry', () => {
    const allowed = allow('127.0.0.1, ::1, 10.20.0.0/16, fd00::/8');
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '10.20.255.1', 'fd00::1']) {
      expect(sut(address, allowed).ok).toBe(true);
    }
    for (const address of ['127.0.0.2', '10.21.0.1', 'fe80::1']) {
      expect(sut(address, allowed).ok).toBe(false);
    }
  });

  it('refuses text that is not a canonical IP address', () => {
    for (const text of ['localhost', '0x7f.1', '2130706433', '']) {
      expect(reasonOf(sut(text, allow('127.0.0.1')))).toBe(`${text} is not an IP address`);
    }
  });
});
