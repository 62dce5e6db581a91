import fp from 'fastify-plugin';
import type { FastifyPluginAsync } from 'fastify';
import { openDatabase, type Db } from '../db/client.js';
import type Database from 'better-sqlite3';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    sqlite: Database.Database;
  }
}

const dbPlugin: FastifyPluginAsync<{ path: string }> = async (app, opts) => {
  const opened = openDatabase(opts.path);
  app.decorate('db', opened.db);
  app.decorate('sqlite', opened.sqlite);
  app.addHook('onClose', async () => {
    opened.close();
  });
};

export default fp(dbPlugin, { name: 'passerelle-db', fastify: '5.x' });
