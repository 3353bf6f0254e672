import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from '@jest/globals';
import { checkWebhookTarget, checkWebhookUrl, classifyAddress, webhookLookup, WebhookTargetRefused } from './webhook-target.js';

const DEFAULT = { allowHttp: false, allowPrivateNetworks: false };
const INTRANET = { allowHttp: true, allowPrivateNetworks: true };

describe('classifyAddress', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.20.30.40', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'carrier-grade-nat'],
    ['100.127.255.255', 'carrier-grade-nat'],
    ['100.128.0.1', 'public'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.251', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'reserved'],
  ])('IPv4 %s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it.each([
    ['2001:4860:4860::8888', 'public'],
    ['2a00:1028:8d1c::1', 'public'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'private'],
    ['fd12:3456:789a::1', 'private'],
    ['fe80::1', 'link-local'],
    ['febf::1', 'link-local'],
    ['ff02::1', 'multicast'],
  ])('IPv6 %s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it.each([
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['0:0:0:0:0:ffff:10.0.0.1', 'private'],
    ['::ffff:100.64.1.1', 'carrier-grade-nat'],
    ['::ffff:8.8.8.8', 'public'],
  ])('IPv4-mapped IPv6 %s is %s, as its IPv4 address', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it('refuses what is not an IP address', () => {
    expect(() => classifyAddress('hooks.example.cz')).toThrow(TypeError);
  });
});

describe('checkWebhookUrl', () => {
  it('accepts https: to a public address or a name (the name is checked by what it resolves to)', () => {
    expect(checkWebhookUrl('https://hooks.example.cz/planovani', DEFAULT)).toBeNull();
    expect(checkWebhookUrl('https://8.8.8.8:8443/hooks', DEFAULT)).toBeNull();
    expect(checkWebhookUrl('https://[2001:4860:4860::8888]/hooks', DEFAULT)).toBeNull();
  });

  it('accepts http: only when configured, and no other scheme', () => {
    expect(checkWebhookUrl('http://hooks.example.cz/', DEFAULT)).toEqual({ code: 'WEBHOOK_URL_SCHEME_NOT_ALLOWED', message: 'A webhook URL must start with https://' });
    expect(checkWebhookUrl('http://hooks.example.cz/', { ...DEFAULT, allowHttp: true })).toBeNull();
    expect(checkWebhookUrl('ftp://hooks.example.cz/', INTRANET)).toMatchObject({ code: 'WEBHOOK_URL_SCHEME_NOT_ALLOWED', message: 'A webhook URL must start with https:// or http://' });
    expect(checkWebhookUrl('not a url', INTRANET)).toMatchObject({ code: 'WEBHOOK_URL_INVALID' });
  });

  it('refuses credentials in the URL', () => {
    expect(checkWebhookUrl('https://user:secret@hooks.example.cz/', DEFAULT)).toMatchObject({ code: 'WEBHOOK_URL_HAS_CREDENTIALS' });
    expect(checkWebhookUrl('https://user@hooks.example.cz/', INTRANET)).toMatchObject({ code: 'WEBHOOK_URL_HAS_CREDENTIALS' });
  });

  it.each([
    ['https://127.0.0.1/hooks', '127.0.0.1 is a loopback address'],
    ['https://2130706433/hooks', '127.0.0.1 is a loopback address'],
    ['https://0x7f.1/hooks', '127.0.0.1 is a loopback address'],
    ['https://[::1]:8443/hooks', '::1 is a loopback address'],
    ['https://10.0.0.5/hooks', '10.0.0.5 is a private address'],
    ['https://169.254.169.254/latest/meta-data/', '169.254.169.254 is a link-local address'],
    ['https://[::ffff:169.254.169.254]/latest/meta-data/', '::ffff:a9fe:a9fe is a link-local address'],
    ['https://[fd00::5]/hooks', 'fd00::5 is a private address'],
    ['https://[fe80::1]/hooks', 'fe80::1 is a link-local address'],
    ['https://100.100.100.200/hooks', '100.100.100.200 is a carrier-grade NAT address'],
    ['https://0.0.0.0/hooks', '0.0.0.0 is an unspecified address'],
    ['https://224.0.0.1/hooks', '224.0.0.1 is a multicast address'],
  ])('refuses %s: %s', (url, message) => {
    expect(checkWebhookUrl(url, DEFAULT)).toEqual({ code: 'WEBHOOK_URL_ADDRESS_NOT_ALLOWED', message: `${message}; webhooks go to the public internet only` });
  });

  it('lets an intranet installation call loopback, private and carrier-grade NAT receivers, never link-local ones', () => {
    expect(checkWebhookUrl('http://127.0.0.1:8080/hooks', INTRANET)).toBeNull();
    expect(checkWebhookUrl('https://192.168.10.20/hooks', INTRANET)).toBeNull();
    expect(checkWebhookUrl('https://[fd00::5]/hooks', INTRANET)).toBeNull();
    expect(checkWebhookUrl('https://100.64.0.10/hooks', INTRANET)).toBeNull();
    expect(checkWebhookUrl('http://169.254.169.254/latest/meta-data/', INTRANET)).toMatchObject({ code: 'WEBHOOK_URL_ADDRESS_NOT_ALLOWED' });
    expect(checkWebhookUrl('https://[ff02::1]/', INTRANET)).toMatchObject({ code: 'WEBHOOK_URL_ADDRESS_NOT_ALLOWED' });
  });
});

describe('checking the addresses a host name resolves to', () => {
  const resolve = (hostname: string, policy: typeof DEFAULT, all: boolean) =>
    new Promise<{ error: Error | null; address: string | LookupAddress[] }>((done) => webhookLookup(policy)(hostname, { all }, (error, address) => done({ error, address })));

  it('refuses a name that resolves to a loopback address when it is saved', async () => {
    expect(await checkWebhookTarget('https://localhost:8443/hooks', DEFAULT)).toEqual({
      code: 'WEBHOOK_URL_ADDRESS_NOT_ALLOWED',
      message: expect.stringMatching(/^localhost resolves to (127\.0\.0\.1|::1), which is a loopback address/),
    });
    expect(await checkWebhookTarget('https://localhost:8443/hooks', INTRANET)).toBeNull();
  });

  it('leaves a name that does not resolve now to the check at delivery', async () => {
    expect(await checkWebhookTarget('https://hooks.invalid/planovani', DEFAULT)).toBeNull();
  });

  it('refuses the connection when the name resolves to an address that may not be called', async () => {
    const refused = await resolve('localhost', DEFAULT, true);
    expect(refused.error).toBeInstanceOf(WebhookTargetRefused);
    expect((refused.error as WebhookTargetRefused).refusal.code).toBe('WEBHOOK_URL_ADDRESS_NOT_ALLOWED');
  });

  it('connects an allowed name to the addresses it resolved, as one or all', async () => {
    expect(await resolve('localhost', INTRANET, true)).toEqual({ error: null, address: expect.arrayContaining([expect.objectContaining({ address: expect.stringMatching(/^(127\.0\.0\.1|::1)$/) })]) });
    expect(await resolve('localhost', INTRANET, false)).toEqual({ error: null, address: expect.stringMatching(/^(127\.0\.0\.1|::1)$/) });
  });

  it('passes a failed resolution on as it is', async () => {
    const failed = await resolve('hooks.invalid', DEFAULT, false);
    expect(failed.error).toMatchObject({ code: expect.stringMatching(/^(ENOTFOUND|EAI_AGAIN)$/) });
    expect(failed.error).not.toBeInstanceOf(WebhookTargetRefused);
  });
});
