// Named plugin: loads the reference series into SQLite at start-up (in the background) and exposes the forecast service.
import fp from 'fastify-plugin';
import type { FastifyPluginAsync } from 'fastify';
import { loadReferenceSeriesInBackground } from './series-loader.js';
import { ShortageForecastService } from './service.js';

declare module 'fastify' {
  interface FastifyInstance {
    forecasts: ShortageForecastService;
    /** Settles when the reference series are in SQLite (the forecast cache itself is ready at once). */
    referenceSeriesLoaded: Promise<void>;
  }
}

const forecastPlugin: FastifyPluginAsync = async (app) => {
  // Reading the compact files and the model store takes well under a second; forecasts are served from this cache.
  const service = new ShortageForecastService();
  app.decorate('forecasts', service);
  let cancelled = false;
  let resolveLoaded: () => void = () => {};
  app.decorate('referenceSeriesLoaded', new Promise<void>((r) => (resolveLoaded = r)));
  let running: Promise<unknown> = Promise.resolve();
  app.addHook('onReady', async () => {
    if (!app.config.REFERENCE_SERIES_LOAD) {
      resolveLoaded();
      return;
    }
    running = loadReferenceSeriesInBackground(app.sqlite, { cancelled: () => cancelled })
      .then((res) => {
        if (res?.loaded) app.log.info({ version: res.version, series: res.series, observations: res.observations, ms: Math.round(res.ms) }, 'reference series loaded');
      })
      .catch((err: unknown) => app.log.error({ err }, 'reference series load failed'))
      .finally(resolveLoaded);
  });
  app.addHook('onClose', async () => {
    cancelled = true;
    await running;
  });
};

export default fp(forecastPlugin, { name: 'passerelle-forecasts', fastify: '5.x', dependencies: ['passerelle-db'] });
