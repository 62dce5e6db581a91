// Defence in depth for the offline promise: inside an embedding worker, every way out to the network throws.
// Patching the modules here only affects this thread (each worker has its own module instances).
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';

export class NetworkBlockedError extends Error {
  override name = 'NetworkBlockedError';
}

export function installNetworkGuard(where = 'embedding worker'): void {
  const block = (what: string) => (): never => {
    throw new NetworkBlockedError(`network access (${what}) is blocked in the ${where}; models load from local files only`);
  };
  globalThis.fetch = block('fetch') as unknown as typeof fetch;
  Object.assign(http, { request: block('http.request'), get: block('http.get') });
  Object.assign(https, { request: block('https.request'), get: block('https.get') });
  Object.assign(net, { connect: block('net.connect'), createConnection: block('net.createConnection') });
  Object.assign(tls, { connect: block('tls.connect') });
}
