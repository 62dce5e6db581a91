import fp from 'fastify-plugin';
import type { FastifyPluginAsync } from 'fastify';
import { loadKeyring, type Keyring } from '../keyring.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Secrets kept outside the database (audit MAC and signing keys, the idempotency secret). */
    keyring: Keyring;
  }
}

const keyringPlugin: FastifyPluginAsync = async (app) => {
  const keyring = loadKeyring(app.config);
  for (const w of keyring.warnings) app.log.warn({ keyring: keyring.source }, w);
  app.decorate('keyring', keyring);
};

export default fp(keyringPlugin, { name: 'passerelle-keyring' });
