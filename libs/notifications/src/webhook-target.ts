import { lookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import type { WebhookConfig } from '@app/config';

/** What an IP address is, as far as sending a user's webhook there is concerned. */
export type AddressClass = 'public' | 'loopback' | 'private' | 'link-local' | 'carrier-grade-nat' | 'unspecified' | 'multicast' | 'reserved';

type InternalClass = Exclude<AddressClass, 'public'>;

/** Ranges of addresses that are not the public internet (IPv4-mapped IPv6 addresses match their IPv4 range). */
const RANGES: readonly [InternalClass, string, number, 'ipv4' | 'ipv6'][] = [
  ['unspecified', '0.0.0.0', 8, 'ipv4'],
  ['private', '10.0.0.0', 8, 'ipv4'],
  ['carrier-grade-nat', '100.64.0.0', 10, 'ipv4'],
  ['loopback', '127.0.0.0', 8, 'ipv4'],
  ['link-local', '169.254.0.0', 16, 'ipv4'],
  ['private', '172.16.0.0', 12, 'ipv4'],
  ['private', '192.168.0.0', 16, 'ipv4'],
  ['multicast', '224.0.0.0', 4, 'ipv4'],
  ['reserved', '240.0.0.0', 4, 'ipv4'],
  ['unspecified', '::', 128, 'ipv6'],
  ['loopback', '::1', 128, 'ipv6'],
  ['private', 'fc00::', 7, 'ipv6'],
  ['link-local', 'fe80::', 10, 'ipv6'],
  ['multicast', 'ff00::', 8, 'ipv6'],
];

const BLOCKS = RANGES.reduce((blocks, [kind, network, prefix, family]) => {
  if (!blocks.has(kind)) blocks.set(kind, new BlockList());
  blocks.get(kind)!.addSubnet(network, prefix, family);
  return blocks;
}, new Map<InternalClass, BlockList>());

/** What `WEBHOOK_ALLOW_PRIVATE_NETWORKS` opens: receivers in the installation's own network. Link-local (the cloud metadata service) never. */
const PRIVATE_NETWORKS: ReadonlySet<AddressClass> = new Set(['loopback', 'private', 'carrier-grade-nat']);

const LABELS: Readonly<Record<InternalClass, string>> = {
  loopback: 'a loopback',
  private: 'a private',
  'link-local': 'a link-local',
  'carrier-grade-nat': 'a carrier-grade NAT',
  unspecified: 'an unspecified',
  multicast: 'a multicast',
  reserved: 'a reserved',
};

/** Classifies an IPv4 or IPv6 address (an IPv4-mapped IPv6 address as its IPv4 address). */
export function classifyAddress(address: string): AddressClass {
  const family = isIP(address);
  if (family === 0) throw new TypeError(`'${address}' is not an IP address`);
  for (const [kind, block] of BLOCKS) {
    if (block.check(address, family === 4 ? 'ipv4' : 'ipv6')) return kind;
  }
  return 'public';
}

export type WebhookRefusalCode = 'WEBHOOK_URL_INVALID' | 'WEBHOOK_URL_SCHEME_NOT_ALLOWED' | 'WEBHOOK_URL_HAS_CREDENTIALS' | 'WEBHOOK_URL_ADDRESS_NOT_ALLOWED';

export interface WebhookRefusal {
  code: WebhookRefusalCode;
  message: string;
}

/** Why the server will not call this address for a user, or null. */
export function addressRefusal(host: string, address: string, policy: WebhookConfig): WebhookRefusal | null {
  const kind = classifyAddress(address);
  if (kind === 'public' || (policy.allowPrivateNetworks && PRIVATE_NETWORKS.has(kind))) return null;
  const where = host === address ? address : `${host} resolves to ${address}, which`;
  return { code: 'WEBHOOK_URL_ADDRESS_NOT_ALLOWED', message: `${where} is ${LABELS[kind]} address; webhooks go to the public internet only` };
}

/** The URL's host without the brackets of an IPv6 literal. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * Checks what can be known from the URL itself: `https:` (`http:` only when allowed), no
 * credentials, and a literal IP address that may be called. A host name is checked by the
 * addresses it resolves to (`checkWebhookTarget`, `webhookLookup`).
 */
export function checkWebhookUrl(url: string, policy: WebhookConfig): WebhookRefusal | null {
  if (!URL.canParse(url)) return { code: 'WEBHOOK_URL_INVALID', message: 'The webhook URL is not a URL' };
  const parsed = new URL(url);
  const schemes = policy.allowHttp ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(parsed.protocol)) {
    return { code: 'WEBHOOK_URL_SCHEME_NOT_ALLOWED', message: `A webhook URL must start with ${schemes.map((scheme) => `${scheme}//`).join(' or ')}` };
  }
  if (parsed.username || parsed.password) {
    return { code: 'WEBHOOK_URL_HAS_CREDENTIALS', message: 'A webhook URL must not carry a user name or password; deliveries are signed instead' };
  }
  const host = hostOf(parsed);
  return isIP(host) ? addressRefusal(host, host, policy) : null;
}

/** Every address a name resolves to; one that may not be called refuses the name. */
function namedHostRefusal(host: string, addresses: readonly string[], policy: WebhookConfig): WebhookRefusal | null {
  for (const address of addresses) {
    const refusal = addressRefusal(host, address, policy);
    if (refusal) return refusal;
  }
  return null;
}

/**
 * The check when a user saves the URL: the URL itself, and the addresses its host resolves to
 * now. A name that does not resolve now is accepted: it is resolved and checked again at every
 * delivery (`webhookLookup`), which is what DNS rebinding cannot get around.
 */
export async function checkWebhookTarget(url: string, policy: WebhookConfig): Promise<WebhookRefusal | null> {
  const refusal = checkWebhookUrl(url, policy);
  if (refusal) return refusal;
  const host = hostOf(new URL(url));
  if (isIP(host)) return null;
  const addresses = await new Promise<LookupAddress[]>((resolve) => lookup(host, { all: true }, (error, found) => resolve(error ? [] : found)));
  return namedHostRefusal(host, addresses.map((found) => found.address), policy);
}

/** A delivery whose target the policy refuses: retrying cannot help. */
export class WebhookTargetRefused extends Error {
  constructor(readonly refusal: WebhookRefusal) {
    super(refusal.message);
    this.name = 'WebhookTargetRefused';
  }
}

/**
 * The DNS lookup of a webhook's connection: it resolves the name and refuses the connection
 * when any address may not be called, so the address checked is the address connected to.
 */
export function webhookLookup(policy: WebhookConfig): LookupFunction {
  return (hostname: string, options: LookupOptions, callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      const refusal = namedHostRefusal(hostname, addresses.map((found) => found.address), policy);
      if (refusal) return callback(new WebhookTargetRefused(refusal), '');
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
