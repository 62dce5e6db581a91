import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { bootstrap } from './services/bootstrap.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const app = await buildApp();
  await app.ready();
  const keys = await bootstrap(app, config.PASSERELLE_DEMO);
  if (keys.length > 0) {
    // Printed once, on the first start: only the hashes are stored.
    const lines = keys.map((k) => `  ${k.role.padEnd(9)} ${k.key}${k.employerId ? `  (employer ${k.employerId})` : ''}${k.candidateId ? `  (candidate ${k.candidateId})` : ''}`);
    process.stdout.write(`\nPasserelle API keys (shown once, store them now):\n${lines.join('\n')}\n\n`);
  }

  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      app.log.error('graceful shutdown timed out');
      process.exit(1);
    }, config.SHUTDOWN_GRACE_MS);
    timer.unref();
    // close() stops accepting connections, finishes in-flight requests, then runs every onClose hook (DB, index, workers).
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  await app.listen({ port: config.PORT, host: config.HOST });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
