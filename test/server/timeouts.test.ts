/** Slow clients: a request body trickled a byte at a time is cut off by the server once the request timeout passes. */
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app';

let app: Awaited<ReturnType<typeof buildTestApp>> | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('timeouts', () => {
  it('reads the timeouts from the environment, with defaults', async () => {
    app = await buildTestApp(undefined, { REQUEST_TIMEOUT: '2', CONNECTION_TIMEOUT: '30' });
    await app.ready();
    expect(app.server.requestTimeout).toBe(2000);
    expect(app.server.timeout).toBe(30_000);
    const defaults = await buildTestApp();
    await defaults.ready();
    expect([defaults.server.requestTimeout, defaults.server.timeout]).toEqual([60_000, 900_000]);
    await defaults.close();
  });

  it('closes a connection that trickles its body, with 408', async () => {
    // A real server on loopback: the timeout lives in Node's HTTP server, which inject() bypasses.
    app = await buildTestApp(undefined, { REQUEST_TIMEOUT: '1' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (d) => (received += d));
    socket.write('POST /r HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000\r\n\r\n');
    // One byte every 200 ms would take over half an hour to finish the body; the server must not wait for it.
    const drip = setInterval(() => socket.write('a'), 200);
    // Whether the server closed it; the 15 s cap only keeps a failing run from hanging (the bound here is 1 s).
    const closed = await new Promise<boolean>((resolve) => {
      socket.on('close', () => resolve(true));
      socket.on('error', () => resolve(true));
      setTimeout(() => resolve(false), 15_000);
    });
    clearInterval(drip);
    socket.destroy();
    expect(closed, 'the server still holds the trickling connection').toBe(true);
    expect(received).toMatch(/^HTTP\/1\.1 408/);
  }, 20_000);
});
