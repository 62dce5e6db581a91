// Fair-recruitment screening as a plugin: the screener (rules, minimum wages, occupation pay, practices), joined to
// the vacancy writer so that every write is screened before it commits.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { join } from 'node:path';
import { readGzJson } from '../gz-json.js';
import { LABOUR_DATA_DIR } from '../forecast/reference-data.js';
import { loadMinimumWages } from './minimum-wage.js';
import { OccupationPayIndex, type OccupationPayInputs } from './occupation-pay.js';
import { PracticeMatcher } from './semantic.js';
import { Screener } from './screener.js';
import type { ScreeningMode } from './types.js';
import { ScreeningService } from './service.js';

declare module 'fastify' {
  interface FastifyInstance {
    screening: ScreeningService;
  }
}

const usesSemantic = (mode: ScreeningMode) => mode !== 'rules' && mode !== 'rules+weak';

/** Relative pay by occupation from the shipped BLS projections and the taxonomy's ESCO → O*NET links. */
export function occupationPayIndex(taxonomy: Pick<FastifyInstance['taxonomy'], 'occupations'>): OccupationPayIndex {
  return new OccupationPayIndex({
    occupations: taxonomy.occupations,
    bls: readGzJson<OccupationPayInputs['bls']>(join(LABOUR_DATA_DIR, 'bls-ep-2024-34.json.gz')),
  });
}

const screeningPlugin: FastifyPluginAsync = async (app) => {
  const t0 = performance.now();
  const mode = app.config.SCREENING_MODE;
  const occupationPay = occupationPayIndex(app.taxonomy);
  const screener = new Screener({
    table: loadMinimumWages(),
    occupationPay,
    semantic: usesSemantic(mode) ? new PracticeMatcher(app.embedder) : undefined,
    mode,
  });
  const service = new ScreeningService(app.storage, screener, {
    enabled: app.config.SCREENING_ENABLED,
    auditLog: app.auditLog,
    occupationOf: (esco) => {
      const o = app.taxonomy.occupation(esco);
      return o ? { isco: o.iscoGroup } : undefined;
    },
  });
  app.decorate('screening', service);
  // After the taxonomy suggestions (registered by the matching plugin): screening reads the suggested occupation.
  app.vacancyWriter.hooks.push(service.writeHook());
  app.log.info({ ms: Math.round(performance.now() - t0), version: screener.version, enabled: service.enabled, occupations: occupationPay.size }, 'screening ready');
};

export default fp(screeningPlugin, {
  name: 'passerelle-screening',
  dependencies: ['passerelle-db', 'passerelle-audit', 'passerelle-writers', 'passerelle-embedder', 'passerelle-taxonomy', 'passerelle-matching'],
});
