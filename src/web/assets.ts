// The app's static files, read once. The stylesheet is inlined in every page and allowed by its hash in the CSP:
// on a slow-3G link (2 s round trips) a separate, render-blocking CSS request would cost a whole extra round trip
// for 2 KB. The script is served under a content-hashed name with a one-year immutable cache.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { sha256Hex } from '../hash.js';

const ASSET_DIR = join(dirname(fileURLToPath(import.meta.url)), 'assets');

export interface WebAssets {
  /** The stylesheet's text, inlined in a <style> element. */
  css: string;
  /** 'sha256-…' of that text, for style-src in the CSP. */
  cssHash: string;
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
  // Comments and indentation cost bytes on every page; the rules themselves are kept as written.
  const css = readFileSync(join(ASSET_DIR, 'app.css'), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\n\s+/g, '\n')
    .replace(/\n+/g, '\n')
    .trim();
  const cssHash = `sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}`;
  const jsUrl = add('app.js', 'text/javascript; charset=utf-8');
  return {
    css,
    cssHash,
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
