// GDPR Art. 17 for a job seeker, whichever door it comes through (API, admin, web app).
import type { FastifyInstance } from 'fastify';
import { truncateWal } from '../db/client.js';
import type { CandidateRow } from './candidates.js';

/**
 * Erase a candidate everywhere: the rows and what derives from them in one transaction (eraseCandidate and the
 * writer's hooks: embedding cache, vector row), then the WAL truncated so no frame written before still holds her
 * rows (secure_delete already zeroed the freed pages), and a vector-index snapshot requested so the one on disk no
 * longer holds her vector (each snapshot zeroes removed vectors). Resolves once the WAL is empty, or after 2 s with
 * the checkpoint retried in the background.
 */
export async function eraseCandidateEverywhere(
  app: Pick<FastifyInstance, 'candidateWriter' | 'collections' | 'sqlite' | 'log' | 'storage'>,
  row: CandidateRow,
): Promise<void> {
  await app.candidateWriter.erase(row);
  app.collections.candidates.requestScrubSnapshot();
  // PostgreSQL: the row is deleted in the system of record; its WAL and vacuum are the operator's (docs/scale-out.md).
  if (app.storage.dialect !== 'sqlite') return;
  if (!(await truncateWal(app.sqlite, 2000))) {
    app.log.warn('WAL still in use after an erasure; retrying the checkpoint in the background');
    void truncateWal(app.sqlite, 60_000).then((ok) => {
      if (!ok) app.log.error('WAL could not be truncated after an erasure');
    });
  }
}
