import fp from 'fastify-plugin';
import type { FastifyPluginAsync } from 'fastify';
import { evaluateAlerts, type AlertSettings } from '../services/fairness-alerts.js';

declare module 'fastify' {
  interface FastifyInstance {
    fairnessAlertSettings: AlertSettings;
  }
}

/** The fairness alert job: every FAIRNESS_ALERT_INTERVAL_S seconds (0 = never), evaluate the trailing window. */
const fairnessPlugin: FastifyPluginAsync = async (app) => {
  const c = app.config;
  const settings: AlertSettings = {
    windowDays: c.FAIRNESS_ALERT_WINDOW_DAYS,
    segments: c.FAIRNESS_ALERT_SEGMENTS,
    minCandidates: c.FAIRNESS_ALERT_MIN_CANDIDATES,
    alpha: c.FAIRNESS_ALPHA,
    permutations: 500,
    k: 10,
  };
  app.decorate('fairnessAlertSettings', settings);
  if (c.FAIRNESS_ALERT_INTERVAL_S <= 0) return;
  const run = async () => {
    try {
      const r = await evaluateAlerts(app.storage, app.log, settings);
      if (r.opened.length || r.resolved) app.log.info({ opened: r.opened.length, refreshed: r.refreshed, resolved: r.resolved }, 'fairness alerts evaluated');
    } catch (err) {
      app.log.error({ err }, 'fairness alert evaluation failed');
    }
  };
  const timer = setInterval(() => void run(), c.FAIRNESS_ALERT_INTERVAL_S * 1000);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
};

export default fp(fairnessPlugin, { name: 'passerelle-fairness', dependencies: ['passerelle-db'] });
