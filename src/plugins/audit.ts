import fp from 'fastify-plugin';
import type { FastifyPluginAsync } from 'fastify';
import { dirname, join, resolve } from 'node:path';
import { AuditLog } from '../services/audit.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The bias-audit log: MACed records, signed heads, retention, verification. */
    auditLog: AuditLog;
  }
}

const DAY_MS = 86_400_000;

/**
 * The audit log with its keys (from the keyring, outside the database) and its jobs: at start, records from before
 * MACs are adopted under a signed head and expired ones purged; then a signed head every AUDIT_HEAD_INTERVAL_S (when
 * the chain moved), a retention purge daily, and a last head on shutdown. Each head is appended to the anchor file
 * and logged, so a copy of it lives outside the database (ship the file or the log off the host).
 */
const auditPlugin: FastifyPluginAsync = async (app) => {
  const cfg = app.config;
  const anchorPath = cfg.AUDIT_ANCHOR_PATH
    ? resolve(cfg.AUDIT_ANCHOR_PATH)
    : app.keyring.source === 'memory'
      ? null
      : join(dirname(app.keyring.source), 'audit-anchor.jsonl');
  const log = new AuditLog(app.keyring, {
    anchorPath,
    onHead: (h) => app.log.info({ audit: { kind: h.kind, seq: h.seq, hash: h.hash, keyId: h.keyId, signature: h.signature } }, 'audit head signed'),
  });
  app.decorate('auditLog', log);

  const guarded = (what: string, fn: () => Promise<void>) => async () => {
    try {
      await fn();
    } catch (err) {
      app.log.error({ err }, `audit ${what} failed`);
    }
  };
  const purge = guarded('retention purge', async () => {
    const n = await log.purgeExpired(app.storage, cfg.AUDIT_RETENTION_DAYS);
    if (n > 0) app.log.info({ purged: n }, 'audit retention purge');
  });
  const head = guarded('head', async () => void (await log.signHead(app.storage, 'periodic')));
  const timers: NodeJS.Timeout[] = [setInterval(() => void purge(), DAY_MS)];
  if (cfg.AUDIT_HEAD_INTERVAL_S > 0) timers.push(setInterval(() => void head(), cfg.AUDIT_HEAD_INTERVAL_S * 1000));
  for (const t of timers) t.unref();

  app.addHook('onReady', async () => {
    await guarded('adoption', async () => {
      const adopted = await log.adoptLegacy(app.storage);
      if (adopted) app.log.info({ seq: adopted.seq }, 'audit records from before MACs adopted under a signed head');
    })();
    await log.noteCurrentHead(app.storage.read);
    await purge();
    await head();
  });
  // preClose: the database is still open.
  app.addHook('preClose', async () => {
    for (const t of timers) clearInterval(t);
    await head();
  });
};

export default fp(auditPlugin, { name: 'passerelle-audit', dependencies: ['passerelle-db', 'passerelle-keyring'] });
