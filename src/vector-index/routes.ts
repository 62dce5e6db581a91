import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors.js';

const CollectionNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,63}$/, { message: 'must be a collection name ([a-z][a-z0-9_-]{0,63})' })
  .meta({ example: 'vacancies' });

const RebuildSchema = z.object({ done: z.number(), total: z.number(), startedAt: z.string(), mode: z.enum(['worker', 'chunked']) });

export const IndexStatusSchema = z.object({
  collection: z.string(),
  state: z.enum(['opening', 'building', 'ready', 'rebuilding', 'closed']),
  modelId: z.string(),
  dims: z.number().int(),
  configuredModelId: z.string(),
  modelMismatch: z.boolean(),
  size: z.number().int().describe('live items'),
  graphElements: z.number().int().describe('elements in the HNSW graph, deleted ones included'),
  deleted: z.number().int().describe('deleted elements still in the graph (their slots are reused)'),
  pending: z.number().int().describe('committed writes not yet in the graph (scored exactly meanwhile)'),
  lastSeq: z.number().int(),
  appliedSeq: z.number().int(),
  snapshot: z.object({ seq: z.number().int(), ageS: z.number(), bytes: z.number() }).nullable(),
  lastSnapshotProblem: z.string().nullable(),
  recall: z.object({ recallAt10: z.number(), ef: z.number(), samples: z.number(), measuredAt: z.string() }).nullable(),
  targetRecall: z.number().describe('recall@10 that ef is tuned to in the background after each graph load (0: not tuned)'),
  ef: z.number().int(),
  m: z.number().int(),
  efConstruction: z.number().int(),
  hnswVariant: z.string(),
  rebuild: RebuildSchema.nullable(),
  lastError: z.string().nullable(),
  readOnly: z.boolean().optional().describe('a collection shipped with the data (taxonomy labels): never written, no snapshots; rebuilt only while it has no verified graph'),
  graphSource: z.enum(['shipped', 'built']).nullable().optional().describe('read-only collections: where the graph came from (null: exact scans until it is built)'),
});

const IndexListSchema = z.object({ items: z.array(IndexStatusSchema) });

const StatusQuerySchema = z
  .object({
    measureRecall: z
      .enum(['true', 'false'])
      .optional()
      .describe('Measure sampled recall@10 against an exact scan now (30 queries per collection)'),
  })
  .strict();

const RebuildAcceptedSchema = z.object({
  collection: z.string(),
  state: IndexStatusSchema.shape.state,
  rebuild: RebuildSchema.nullable(),
});

/** Admin view of the vector index: status per collection and an explicit rebuild. */
export const vectorIndexAdminRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/v1/admin/index',
    {
      config: { roles: ['admin'], cost: 'heavy' }, // measureRecall=true runs exact scans
      schema: {
        tags: ['admin'],
        summary: 'Vector index status per collection: size, deleted, model, sequences, snapshot age, recall, rebuild progress',
        querystring: StatusQuerySchema,
        response: { 200: IndexListSchema },
      },
    },
    async (request) => {
      const collections = await app.vectorIndex.all();
      const frozen = app.vectorIndex.frozen();
      if (request.query.measureRecall === 'true') {
        for (const c of collections) if (c.state === 'ready' || c.state === 'rebuilding') c.measureRecall(30);
        for (const f of frozen) if (f.state === 'ready') f.measureRecall(30);
      }
      return { items: [...collections.map((c) => c.status()), ...frozen.map((f) => f.status())] };
    },
  );

  r.post(
    '/v1/admin/index/:collection/rebuild',
    {
      config: { roles: ['admin'], errors: ['CONFLICT'] },
      schema: {
        tags: ['admin'],
        summary: 'Rebuild a collection graph from the database in the background; queries keep being answered meanwhile',
        description:
          'A read-only collection (taxonomy-labels) is rebuilt from its shipped vectors only while it has no verified graph: serving the verified shipped graph, it answers 409 CONFLICT (nothing to rebuild).',
        params: z.object({ collection: CollectionNameSchema }).strict(),
        response: { 202: RebuildAcceptedSchema },
      },
    },
    async (request, reply) => {
      const f = app.vectorIndex.getFrozen(request.params.collection);
      if (f) {
        // A read-only collection rebuilds its graph from the shipped vectors (exact scans answer meanwhile), but never
        // replaces the verified shipped graph, which every app instance of the process shares.
        const refusal = f.rebuildRefusal();
        if (refusal) throw new AppError('CONFLICT', `vector collection ${f.name} is not rebuilt: ${refusal}`);
        f.rebuild().catch((err: Error) => request.log.error({ err: err.message, collection: f.name }, 'vector index rebuild failed'));
        const s = f.status();
        return reply.code(202).send({ collection: s.collection, state: s.state, rebuild: s.rebuild });
      }
      const c = app.vectorIndex.getOpen(request.params.collection);
      if (!c) throw new AppError('NOT_FOUND', `vector collection ${request.params.collection} was not found`);
      if (c.status().modelMismatch) {
        throw new AppError('CONFLICT', `vector collection ${c.name} holds ${c.modelId} vectors; re-embed it before rebuilding`);
      }
      c.rebuild().catch((err: Error) => request.log.error({ err: err.message, collection: c.name }, 'vector index rebuild failed'));
      const s = c.status();
      return reply.code(202).send({ collection: s.collection, state: s.state, rebuild: s.rebuild });
    },
  );
};
