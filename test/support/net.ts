import { createServer } from 'node:net';

/** A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it; the test then binds it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * A loopback address other than 127.0.0.1 to listen on, as an operator would write it: [::1] where the machine has IPv6
 * loopback, else 127.0.0.2 (Linux answers on all of 127/8). A container or CI machine may run with IPv6 off, loopback
 * included, and listen('::1') then fails with EADDRNOTAVAIL whatever Vigie does.
 */
export async function otherLoopback(): Promise<{ given: string; host: string; url: string }> {
  const v6 = await new Promise<boolean>((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(0, '::1', () => s.close(() => resolve(true)));
  });
  return v6 ? { given: '[::1]', host: '::1', url: '[::1]' } : { given: '127.0.0.2', host: '127.0.0.2', url: '127.0.0.2' };
}
