// The app's two static files, read once, served under a content-hashed name with a one-year immutable cache.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { sha256Hex } from '../hash.js';

const ASSET_DIR = join(dirname(fileURLToPath(import.meta.url)), 'assets');

export interface WebAssets {
  cssUrl: string;
  jsUrl: string;
  routes(scope: FastifyInstance): void;
}

export function loadAssets(): WebAssets {
  const files = new Map<string, { body: Buffer; type: string }>();
  const add = (file: string, type: string): string => {
    const body = readFileSync(join(ASSET_DIR, file));
    const [base, ext] = file.split('.');
    const name = `${base}.${sha256Hex(body.toString('utf8')).slice(0, 12)}.${ext}`;
    files.set(name, { body, type });
    return `/app/assets/${name}`;
  };
  const cssUrl = add('app.css', 'text/css; charset=utf-8');
  const jsUrl = add('app.js', 'text/javascript; charset=utf-8');
  return {
    cssUrl,
    jsUrl,
    routes(scope) {
      scope.get(
        '/assets/:file',
        { config: { roles: 'public' }, schema: { hide: true, params: z.object({ file: z.string().max(100) }) } },
        async (request, reply) => {
          const f = files.get((request.params as { file: string }).file);
          if (!f) return reply.code(404).type('text/plain; charset=utf-8').send('not found');
          return reply.type(f.type).header('cache-control', 'public, max-age=31536000, immutable').send(f.body);
        },
      );
    },
  };
}
