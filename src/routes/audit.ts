import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, asc, eq, type SQL } from 'drizzle-orm';
import { nowIso } from '../db/client.js';
import { AppError, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { requirePrincipal } from '../plugins/auth.js';
import { idSchema, isoDateTimeSchema, pageSchema, PaginationQuerySchema, textSchema } from '../schemas/common.js';
import {
  AUDIT_KINDS,
  AuditHeadSchema,
  AuditRecordSchema,
  AuditSigningKeySchema,
  AuditVerifySchema,
  ContestSchema,
  CreateDecisionSchema,
  DecisionSchema,
} from '../schemas/audit.js';
import { getAudit, listAudit, toDecision } from '../services/audit.js';
import { listHeads } from '../services/audit-heads.js';
import { decodeCursor, keysetWhere, page } from '../services/pagination.js';
import { getVisibleVacancy } from '../services/vacancies.js';
import { contestLimits, fileContest } from '../services/contests.js';
import { bindIdempotencySubject } from '../plugins/idempotency.js';

export const auditRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/v1/audit/verify',
    {
      config: { roles: ['admin'], cost: 'heavy' }, // hashes and MACs every record of the log
      schema: {
        tags: ['audit'],
        summary: 'Verify the bias-audit log: hash chain, keyed MACs and signed heads; report the first problem',
        description:
          'Checks every record against its hash link and its MAC (keys outside the database), every signed head (in the database and in the anchor file) against the signing keys, that the chain starts at genesis or right after a signed, in-policy purge, and that no signed head reaches past the last record.',
        response: { 200: AuditVerifySchema },
      },
    },
    async () => app.auditLog.verify(app.storage.read),
  );

  r.get(
    '/v1/audit/checkpoints',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['audit'],
        summary: 'Export the signed heads of the audit chain, oldest first (to anchor them outside the host)',
        querystring: PaginationQuerySchema,
        response: { 200: pageSchema(AuditHeadSchema) },
      },
    },
    async (request) => {
      const cursor = request.query.cursor;
      let afterId: number | undefined;
      if (cursor !== undefined) {
        afterId = Number(Buffer.from(cursor, 'base64url').toString('utf8').replace(/^head:/, ''));
        if (!Number.isInteger(afterId) || afterId < 0) throw new AppError('INVALID_CURSOR', 'query.cursor: is not a cursor issued by this list', [{ path: 'query.cursor', rule: 'cursor' }]);
      }
      const rows = await listHeads(app.storage.read, { limit: request.query.limit, afterId });
      const more = rows.length > request.query.limit;
      const items = more ? rows.slice(0, request.query.limit) : rows;
      const last = items[items.length - 1];
      return { items, nextCursor: more && last ? Buffer.from(`head:${last.id}`).toString('base64url') : null };
    },
  );

  r.post(
    '/v1/audit/checkpoints',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['audit'],
        summary: 'Sign the current head of the audit chain now and return it',
        response: { 201: AuditHeadSchema },
      },
    },
    async (_request, reply) => reply.code(201).send((await app.auditLog.signHead(app.storage, 'manual'))!),
  );

  r.get(
    '/v1/audit/signing-keys',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['audit'],
        summary: 'The Ed25519 public keys that verify the signed heads',
        response: { 200: z.object({ items: z.array(AuditSigningKeySchema) }) },
      },
    },
    async () => ({ items: app.auditLog.publicKeys() }),
  );

  r.get(
    '/v1/audit/records',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['audit'],
        summary: 'List bias-audit records, oldest first',
        querystring: PaginationQuerySchema.extend({
          kind: z.enum(AUDIT_KINDS).optional(),
          tenantId: z.string().max(64).optional(),
          subjectId: z.string().max(64).optional(),
          from: isoDateTimeSchema.optional(),
          to: isoDateTimeSchema.optional(),
        }).strict(),
        response: { 200: pageSchema(AuditRecordSchema) },
      },
    },
    async (request) => {
      const q = request.query;
      const after = decodeCursor(q.cursor, 'audit');
      const afterSeq = after ? (await getAudit(app.storage.read, after))?.seq : undefined;
      if (after && afterSeq === undefined) throw new AppError('INVALID_CURSOR', 'query.cursor: points to a record that no longer exists');
      const rows = await listAudit(app.storage.read, { ...q, afterSeq });
      return page(rows, q.limit, (x) => x);
    },
  );

  r.get(
    '/v1/audit/records/:id',
    {
      config: { roles: ['admin'] },
      schema: { tags: ['audit'], summary: 'Read one bias-audit record', params: z.object({ id: idSchema('audit') }).strict(), response: { 200: AuditRecordSchema } },
    },
    async (request) => {
      const row = await getAudit(app.storage.read, request.params.id);
      if (!row) throw notFound('audit record', request.params.id);
      return row;
    },
  );

  r.post(
    '/v1/vacancies/:id/decisions',
    {
      config: { roles: ['employer'] },
      schema: {
        tags: ['oversight'],
        summary: 'Record a human decision on a candidate from a ranking, linked to its audit record',
        params: z.object({ id: idSchema('vac') }).strict(),
        body: CreateDecisionSchema,
        response: { 201: DecisionSchema },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      // Any status: a decision on a ranking served while the vacancy was open is recorded even once it is closed,
      // filled or held (oversight needs it, and it reaches no one); new rankings and contact requests are refused.
      const vacancy = await getVisibleVacancy(app.storage.read, principal, request.params.id, true);
      const audit = await getAudit(app.storage.read, request.body.auditId);
      // The decision must refer to a ranking this employer was actually shown for this vacancy.
      if (!audit || audit.kind !== 'vacancy-matches' || audit.subjectId !== vacancy.id || audit.tenantId !== principal.employerId) {
        throw notFound('audit record', request.body.auditId);
      }
      if (!audit.results.some((x) => x.id === request.body.candidateId)) {
        throw new AppError('CONFLICT', `candidate ${request.body.candidateId} was not in ranking ${audit.id}`);
      }
      // Consent is checked now, not when the ranking was served: a withdrawn or erased candidate is out of reach.
      // One code for both, so an employer cannot tell an erasure from a withdrawal.
      const row = {
        id: newId('dec'),
        auditId: audit.id,
        vacancyId: vacancy.id,
        candidateId: request.body.candidateId,
        employerId: vacancy.employerId,
        actorKeyId: principal.keyId,
        decision: request.body.decision,
        reasonCode: request.body.reasonCode,
        reason: request.body.note ?? '',
        createdAt: nowIso(),
        erasedAt: null,
      };
      // A stored reply about her (the note) is erased with her: an Idempotency-Key replay cannot bring it back.
      bindIdempotencySubject(request, request.body.candidateId);
      // Checked and written in one transaction: an erasure or withdrawal cannot slip in between.
      await app.storage.transaction(async ({ db, t }) => {
        const [cand] = await db
          .select({ matching: t.candidates.consentMatching, visible: t.candidates.consentVisible })
          .from(t.candidates)
          .where(eq(t.candidates.id, request.body.candidateId))
          .limit(1);
        if (!cand || !cand.matching || !cand.visible) {
          throw new AppError(
            'CANDIDATE_UNAVAILABLE',
            `candidate ${request.body.candidateId} is no longer available to employers (consent withdrawn or profile erased); no decision can be recorded`,
          );
        }
        await db.insert(t.matchDecisions).values(row);
        return row;
      });
      return reply.code(201).send(toDecision(row));
    },
  );

  r.post(
    '/v1/matches/:auditId/contest',
    {
      config: { roles: ['jobseeker'], errors: ['CONTEST_ALREADY_OPEN', 'CONTEST_LIMIT'] },
      schema: {
        tags: ['oversight'],
        summary: 'Contest a ranking I was given (EU AI Act Art. 86): a person reviews it',
        description:
          'One open contest per ranking (a second while the first is unanswered is 409 CONTEST_ALREADY_OPEN naming it), and at most CONTEST_LIMIT_MAX contests per person in CONTEST_LIMIT_WINDOW_MS (default 10 in 24 h; then 429 CONTEST_LIMIT with Retry-After), so no one key can flood the human review every other contest waits on.',
        params: z.object({ auditId: idSchema('audit') }).strict(),
        body: z.object({ message: textSchema(4000) }).strict(),
        response: { 201: ContestSchema },
      },
    },
    async (request, reply) => {
      const row = await app.storage.transaction((tx) => fileContest(tx, requirePrincipal(request), request.params.auditId, request.body.message, contestLimits(app.config)));
      return reply.code(201).send(row);
    },
  );

  r.get(
    '/v1/admin/contests',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['oversight'],
        summary: 'List contests',
        querystring: PaginationQuerySchema.extend({ status: z.enum(['open', 'resolved']).optional() }).strict(),
        response: { 200: pageSchema(ContestSchema) },
      },
    },
    async (request) => {
      const { db, t } = app.storage.read;
      const { matchContests } = t;
      const conds: SQL[] = [];
      if (request.query.status) conds.push(eq(matchContests.status, request.query.status));
      const rows = await db
        .select()
        .from(matchContests)
        .where(keysetWhere(matchContests.id, conds, request.query.cursor, 'cont'))
        .orderBy(asc(matchContests.id))
        .limit(request.query.limit + 1);
      return page(rows, request.query.limit, ({ resolvedBy: _r, ...rest }) => rest);
    },
  );

  r.post(
    '/v1/admin/contests/:id/resolve',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['oversight'],
        summary: 'Resolve a contest with a written resolution',
        params: z.object({ id: idSchema('cont') }).strict(),
        body: z.object({ resolution: textSchema(4000) }).strict(),
        response: { 200: ContestSchema },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const [row] = await app.storage.transaction(({ db, t }) =>
        db
          .update(t.matchContests)
          .set({ status: 'resolved', resolution: request.body.resolution, resolvedBy: principal.keyId, resolvedAt: nowIso() })
          .where(and(eq(t.matchContests.id, request.params.id), eq(t.matchContests.status, 'open')))
          .returning(),
      );
      if (!row) {
        const { db, t } = app.storage.read;
        const [exists] = await db.select({ id: t.matchContests.id }).from(t.matchContests).where(eq(t.matchContests.id, request.params.id)).limit(1);
        if (!exists) throw notFound('contest', request.params.id);
        throw new AppError('CONFLICT', `contest ${request.params.id} is already resolved`);
      }
      const { resolvedBy: _r, ...rest } = row;
      return rest;
    },
  );
};
