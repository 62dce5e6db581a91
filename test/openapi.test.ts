import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { buildTestApp, sampleVacancy, type TestApp } from './helper.js';
import { ROOT } from './server-process.js';
import { ERROR_STATUS } from '../src/errors.js';

let t: TestApp;
let doc: any;
beforeAll(async () => {
  t = await buildTestApp();
  doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
});
afterAll(async () => {
  await t.close();
});

/** Fastify's route URL as an OpenAPI path: ":id" → "{id}", "::" → ":". */
const openapiPath = (url: string) => url.replace('::', '\u0000').replace(/:([A-Za-z]+)/g, '{$1}').replace('\u0000', ':');
// The JSON API and the probes (the web pages under /app and Swagger UI are not part of the API document).
const documented = () => t.app.routeTable.filter((r) => r.url.startsWith('/v1/') || r.url === '/healthz' || r.url === '/readyz');

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.0 document (maintained validator) whose $refs all resolve', async () => {
    const validator = new Validator();
    const res = await validator.validate(structuredClone(doc)); // resolveRefs() below rewrites what it was given
    expect(res.errors ?? []).toEqual([]);
    expect(res.valid).toBe(true);
    expect(validator.version).toBe('3.0');
    expect(() => validator.resolveRefs()).not.toThrow();
    const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/[^"]+"/g) ?? [];
    for (const ref of new Set(refs)) expect(doc.components.schemas[ref.slice(22, -1)], ref).toBeDefined();
  });

  it('names its schemas as components, the error envelope among them', () => {
    for (const name of ['ErrorEnvelope', 'Vacancy', 'CreateVacancyInput', 'UpdateVacancyInput', 'BulkResult', 'Candidate', 'PutCandidateInput', 'Employer', 'CreateEmployerInput']) {
      expect(doc.components.schemas[name], name).toBeDefined();
    }
    expect(doc.components.schemas.ErrorEnvelope.properties.error.properties.code.enum).toEqual(Object.keys(ERROR_STATUS));
  });

  it('lists every route of the route table with its roles, its success and all the error responses it can give', () => {
    const routes = documented();
    expect(routes.length).toBeGreaterThan(30);
    for (const route of routes) {
      const op = doc.paths[openapiPath(route.url)]?.[route.method.toLowerCase()];
      const where = `${route.method} ${route.url}`;
      expect(op, where).toBeDefined();
      expect(op.operationId, where).toMatch(/^[a-z]+[A-Za-z]+$/);
      const statuses = Object.keys(op.responses);
      expect(statuses.some((s) => /^2\d\d$/.test(s)), `${where} has a 2xx`).toBe(true);
      const expected = new Set(['500']);
      if (route.roles !== 'public') ['401', '403'].forEach((x) => expected.add(x));
      if (route.url.includes('/:')) ['400', '404'].forEach((x) => expected.add(x));
      if (['POST', 'PUT', 'PATCH'].includes(route.method)) ['400', '413', '415'].forEach((x) => expected.add(x));
      if (route.method === 'POST') ['409', '422'].forEach((x) => expected.add(x));
      if (!['/healthz', '/readyz'].includes(route.url)) ['429', '503'].forEach((x) => expected.add(x));
      for (const status of expected) expect(statuses, `${where} documents ${status}`).toContain(status);
      for (const s of statuses.filter((x) => /^[45]\d\d$/.test(x))) {
        const schema = op.responses[s].content['application/json'].schema;
        // /readyz documents its own 503 body (the readiness report); every other error is the envelope.
        if (!(route.url === '/readyz' && s === '503')) expect(schema.$ref, `${where} ${s}`).toBe('#/components/schemas/ErrorEnvelope');
      }
      if (route.roles === 'public') {
        expect(op.security, `${where} is public`).toEqual([]);
      } else {
        expect(op.security, `${where} needs a key`).toBeUndefined();
        expect(op['x-roles'], where).toEqual([...route.roles]);
        expect(op.description, where).toContain(`Roles: ${route.roles.join(', ')}.`);
      }
      if (route.method === 'POST') {
        expect(op.parameters?.map((p: { in: string; name: string }) => `${p.in}:${p.name}`), where).toContain('header:idempotency-key');
      }
    }
    expect(doc.security).toEqual([{ apiKey: [] }]);
  });

  it('describes the NDJSON body of the bulk import and the JSON bodies of the others', () => {
    const bulk = doc.paths['/v1/vacancies:bulk'].post;
    expect(Object.keys(bulk.requestBody.content)).toEqual(['application/x-ndjson']);
    expect(bulk.requestBody.content['application/x-ndjson'].schema.$ref).toBe('#/components/schemas/CreateVacancyInput');
    expect(bulk.description).toMatch(/NDJSON/);
    expect(doc.paths['/v1/vacancies'].post.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/CreateVacancyInput');
    expect(doc.paths['/v1/candidates/me'].put.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/PutCandidateInput');
  });
});

describe('a client generated from the document', () => {
  let dir: string;
  let baseUrl: string;
  beforeAll(async () => {
    mkdirSync(join(ROOT, 'var'), { recursive: true });
    dir = mkdtempSync(join(ROOT, 'var', 'openapi-client-'));
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('type-checks against the generated types (openapi-typescript + openapi-fetch) and works against the server', async () => {
    writeFileSync(join(dir, 'api.d.ts'), astToString(await openapiTS(doc)));
    writeFileSync(
      join(dir, 'client.ts'),
      `import createClient from 'openapi-fetch';
import type { paths, components } from './api.js';

type Envelope = components['schemas']['ErrorEnvelope'];

export async function journey(baseUrl: string, key: string) {
  const client = createClient<paths>({ baseUrl, headers: { authorization: \`Bearer \${key}\` } });
  const created = await client.POST('/v1/vacancies', {
    params: { header: { 'idempotency-key': 'generated-client-0001' } },
    body: ${JSON.stringify(sampleVacancy({ title: 'Generated-client welder' }))},
  });
  if (!created.data) throw new Error('create failed: ' + JSON.stringify(created.error));
  const id: string = created.data.id;
  const one = await client.GET('/v1/vacancies/{id}', { params: { path: { id } } });
  const list = await client.GET('/v1/vacancies', { params: { query: { limit: 5, country: 'DE' } } });
  const bad = await client.POST('/v1/vacancies', { body: { ...${JSON.stringify(sampleVacancy())}, country: 'XX' } });
  const error: Envelope | undefined = bad.error;
  const health = await createClient<paths>({ baseUrl }).GET('/healthz');
  return { id, title: one.data?.title, listed: list.data?.items.map((v) => v.id) ?? [], badStatus: bad.response.status, badCode: error?.error.code, health: health.data?.status };
}
`,
    );
    const program = ts.createProgram([join(dir, 'client.ts')], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      skipLibCheck: true,
      types: [],
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);

    const { journey } = (await import(join(dir, 'client.ts'))) as { journey: (b: string, k: string) => Promise<Record<string, unknown>> };
    const out = await journey(baseUrl, t.employer().key);
    expect(out.title).toBe('Generated-client welder');
    expect(out.listed).toContain(out.id);
    expect(out.badStatus).toBe(400);
    expect(out.badCode).toBe('VALIDATION_FAILED');
    expect(out.health).toBe('ok');
  }, 240_000);
});
