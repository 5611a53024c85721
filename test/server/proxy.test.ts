/** TRUST_PROXY: behind a reverse proxy the wrong-code limit counts each client, not the proxy; off by default. */
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { buildTestApp } from '../helpers/app';

let app: Awaited<ReturnType<typeof buildTestApp>> | undefined;
afterEach(() => app?.close());

const PROXY = '127.0.0.1';
/** Eleven wrong codes from one client behind the proxy, then one more try each from that client and another. */
async function guessBehindProxy(): Promise<{ guesser: number; neighbour: number }> {
  const via = (client: string) => ({ remoteAddress: PROXY, headers: { 'x-forwarded-for': client } });
  for (let i = 0; i < 11; i++) await app!.inject({ method: 'GET', url: `/r/WRONG${i}CODE`, ...via('203.0.113.5') });
  const guesser = (await app!.inject({ method: 'GET', url: '/r/WRONGXCODE', ...via('203.0.113.5') })).statusCode;
  const neighbour = (await app!.inject({ method: 'GET', url: '/r/WRONGYCODE', ...via('203.0.113.6') })).statusCode;
  return { guesser, neighbour };
}

describe('TRUST_PROXY', () => {
  it('reads false or a list of proxy addresses and subnets, and refuses anything else', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8']);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY must be/);
    expect(() => loadConfig({ TRUST_PROXY: 'yes please' })).toThrow(/TRUST_PROXY must be/);
  });

  it('with the proxy named, slows down only the client that guesses', async () => {
    app = await buildTestApp(undefined, { TRUST_PROXY: PROXY });
    expect(await guessBehindProxy()).toEqual({ guesser: 429, neighbour: 404 });
  });

  it('without it, ignores X-Forwarded-For (a client could forge it): everyone behind the proxy shares one limit', async () => {
    app = await buildTestApp();
    expect(await guessBehindProxy()).toEqual({ guesser: 429, neighbour: 429 });
  });
});
