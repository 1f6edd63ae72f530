/**
 * Addresses inside the network Upstream runs in. Dynamic registration makes Upstream fetch URLs that
 * whoever opens /lti/register chooses; in production those must not reach the hosting network
 * (cloud metadata services, databases, admin panels), only a platform on the internet.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const internal = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['172.16.0.0', 12], // private
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
] as const)
  internal.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
] as const)
  internal.addSubnet(network, prefix, 'ipv6');

/** The internal address `hostname` is or resolves to, if any (IPv4-mapped IPv6 included). */
export async function internalAddressOf(hostname: string): Promise<string | undefined> {
  const host = hostname.replace(/^\[(.*)\]$/, '$1');
  const addresses = isIP(host)
    ? [{ address: host, family: isIP(host) }]
    : await lookup(host, { all: true, verbatim: true });
  return addresses.find(({ address, family }) =>
    internal.check(address, family === 6 ? 'ipv6' : 'ipv4'),
  )?.address;
}
