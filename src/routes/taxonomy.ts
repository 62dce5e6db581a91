import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound, validationFailed } from '../errors.js';
import { ROLES } from '../db/schema/index.js';
import { languageCodeSchema, textSchema } from '../schemas/common.js';
import { resolveLang, SUPPORTED_LANGS, type Lang, type Taxonomy } from '../taxonomy/taxonomy.js';
import { looksBinary } from '../taxonomy/text.js';

const TitleText = textSchema(300);
const SchemeSchema = z.enum(['esco', 'onet', 'isco']);

export const NormalizeTitlesSchema = z
  .object({
    title: TitleText.optional(),
    titles: z.array(TitleText).min(1, { message: 'must hold at least one title' }).max(256, { message: 'must hold at most 256 titles' }).optional(),
    lang: languageCodeSchema.optional(),
    scheme: SchemeSchema.optional(),
    limit: z.number().int().min(1).max(50).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if ((b.title === undefined) === (b.titles === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['title'], message: 'give exactly one of title or titles' });
    }
  });

const EvidenceSchema = z.object({
  method: z.enum(['learned', 'fused', 'lexical', 'semantic']),
  matchedLabel: z.string(),
  matchedLang: z.string(),
  labelKind: z.enum(['preferred', 'alternative', 'hidden']),
  lexical: z.number(),
  semantic: z.number().optional(),
  semanticLabel: z.string().optional(),
  unsupportedLanguage: z.boolean().optional(),
  readLang: z.string().optional().describe('the language the title was read in, detected from the text (never from `lang`)'),
  translated: z.string().optional().describe("the title's English reading through the bilingual lexicon, when used"),
  via: z.string().optional(),
  words: z.number().optional().describe("O*NET readings: the word model's contribution to the logit (words O*NET files under this code)"),
});
export const NormalizedTitleSchema = z.object({
  id: z.string(),
  label: z.string(),
  iscoGroup: z.string().optional(),
  code: z.string().optional(),
  score: z.number().min(0).max(1).describe('calibrated probability that this is the occupation meant (the list sums to ≤ 1)'),
  evidence: EvidenceSchema,
});
const NormalizeReplySchema = z.object({
  results: z.union([z.array(NormalizedTitleSchema), z.array(z.array(NormalizedTitleSchema))]),
  dataVersion: z.string(),
});

export const ExtractSkillsSchema = z
  .object({
    text: textSchema(20_000),
    lang: languageCodeSchema.optional().describe('language of the returned labels; the text is read in the language detected from it'),
    limit: z.number().int().min(1).max(50).optional().describe('also return this many ranked candidates (form suggestions), including ones below the linking threshold'),
  })
  .strict();
const ExtractedSkillSchema = z.object({
  id: z.string(),
  label: z.string(),
  score: z.number().describe('raw linking score (ranking)'),
  probability: z.number().optional().describe('calibrated probability that a human judge accepts the skill for this text (fitted on hand-judged dev lines; reliability in docs/taxonomy.md)'),
  spans: z.array(z.tuple([z.number().int(), z.number().int()])),
});
const ExtractReplySchema = z.object({
  skills: z.array(ExtractedSkillSchema),
  candidates: z.array(ExtractedSkillSchema).optional(),
  readLang: z.string().describe('the language the text was read in (detected)'),
  dataVersion: z.string(),
  unsupportedLanguage: z.boolean().optional(),
});

const ConceptParams = z.object({ id: z.string().min(1).max(300) }).strict();
const LangQuery = z.object({ lang: languageCodeSchema.optional() }).strict();
const ConceptRef = z.object({ id: z.string(), label: z.string() });
const OccupationReplySchema = z.object({
  id: z.string(),
  scheme: z.enum(['esco', 'isco', 'onet']),
  lang: z.string(),
  langFallback: z.boolean(),
  label: z.string(),
  altLabels: z.array(z.string()),
  description: z.string(),
  code: z.string().optional(),
  iscoGroup: z.string().optional(),
  iscoAncestors: z.array(z.object({ code: z.string(), level: z.number(), label: z.string() })),
  essentialSkills: z.array(ConceptRef),
  optionalSkills: z.array(ConceptRef),
  onet: z.array(ConceptRef),
  esco: z.array(ConceptRef),
});
const SkillReplySchema = z.object({
  id: z.string(),
  lang: z.string(),
  langFallback: z.boolean(),
  label: z.string(),
  altLabels: z.array(z.string()),
  type: z.string(),
  reuseLevel: z.string(),
  description: z.string(),
  broader: z.array(z.object({ id: z.string(), label: z.string() })),
  related: z.array(z.object({ id: z.string(), label: z.string(), relation: z.string(), weight: z.number() })),
});

/** ?lang= wins over Accept-Language; the first supported tag of Accept-Language is used; English otherwise. */
/** An ESCO concept's labels in the requested language, falling back to English, and whether it fell back. */
function labelsIn(c: { labels: Partial<Record<Lang, { pref: string; alt?: string[] }>> }, lang: Lang, fallback: boolean) {
  const ls = c.labels[lang] ?? c.labels.en!;
  return { lang: c.labels[lang] ? lang : ('en' as Lang), langFallback: fallback || !c.labels[lang], label: ls.pref, altLabels: ls.alt ?? [] };
}

function requestLang(request: FastifyRequest, q?: string): { lang: Lang; fallback: boolean } {
  if (q) {
    const r = resolveLang(q);
    return r.lang ? { lang: r.lang, fallback: false } : { lang: 'en', fallback: true };
  }
  const header = request.headers['accept-language'];
  if (typeof header === 'string' && header.trim()) {
    const tags = header
      .split(',')
      .map((p) => {
        const [tag, ...params] = p.trim().split(';');
        const qv = params.map((x) => x.trim()).find((x) => x.startsWith('q='));
        return { tag: (tag ?? '').trim(), q: qv ? Number(qv.slice(2)) || 0 : 1 };
      })
      .filter((t) => t.tag && t.q > 0)
      .sort((a, b) => b.q - a.q);
    for (const t of tags) {
      const r = resolveLang(t.tag);
      if (r.lang) return { lang: r.lang, fallback: false };
    }
    return { lang: 'en', fallback: tags.length > 0 && !tags.some((t) => t.tag.startsWith('en') || t.tag === '*') };
  }
  return { lang: 'en', fallback: false };
}

function occupationReply(tax: Taxonomy, rawId: string, lang: Lang, fallback: boolean) {
  const id = rawId.trim();
  const occ = tax.occupation(id);
  const labelOf = (l: { labels: Taxonomy['occupations'][number]['labels'] }) => tax.label(l, lang);
  if (occ) {
    const skills = tax.occupationSkills(occ.uri)!;
    return {
      id: occ.uri,
      scheme: 'esco' as const,
      ...labelsIn(occ, lang, fallback),
      description: occ.description,
      code: occ.code,
      iscoGroup: occ.iscoGroup,
      iscoAncestors: tax.iscoAncestors(occ.iscoGroup).map((g) => ({ code: g.code, level: g.level, label: g.labels[lang] ?? g.labels.en ?? '' })),
      essentialSkills: skills.essential.map((s) => ({ id: s.uri, label: labelOf(s) })),
      optionalSkills: skills.optional.map((s) => ({ id: s.uri, label: labelOf(s) })),
      onet: occ.onet.map((c) => ({ id: c, label: tax.onetOccupation(c)?.title ?? c })),
      esco: [],
    };
  }
  if (/^\d{1,4}$/.test(id)) {
    const g = tax.iscoGroup(id);
    if (!g) throw notFound('ISCO-08 group', id);
    const members = tax.occupations.filter((o) => o.iscoGroup.startsWith(id)).slice(0, 500);
    return {
      id: g.code,
      scheme: 'isco' as const,
      lang: g.labels[lang] ? lang : 'en',
      langFallback: fallback || !g.labels[lang],
      label: g.labels[lang] ?? g.labels.en ?? '',
      altLabels: [],
      description: '',
      iscoGroup: g.code,
      iscoAncestors: tax.iscoAncestors(g.code).map((a) => ({ code: a.code, level: a.level, label: a.labels[lang] ?? a.labels.en ?? '' })),
      essentialSkills: [],
      optionalSkills: [],
      onet: [],
      esco: members.map((o) => ({ id: o.uri, label: labelOf(o) })),
    };
  }
  if (/^\d{2}-\d{4}\.\d{2}$/.test(id)) {
    const o = tax.onetOccupation(id);
    if (!o) throw notFound('O*NET-SOC occupation', id);
    return {
      id: o.code,
      scheme: 'onet' as const,
      lang: 'en',
      langFallback: lang !== 'en' || fallback,
      label: o.title,
      altLabels: o.alternateTitles.slice(0, 50),
      description: o.description,
      iscoAncestors: [],
      essentialSkills: [],
      optionalSkills: [],
      onet: [],
      esco: o.esco.map((u) => ({ id: u, label: labelOf(tax.occupation(u)!) })),
    };
  }
  throw notFound('occupation', id);
}

export const taxonomyRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const anyRole = { roles: [...ROLES] };

  r.post(
    '/v1/taxonomy/occupations/normalize',
    {
      config: { ...anyRole, cost: 'heavy' },
      schema: {
        tags: ['taxonomy'],
        summary: 'Job title(s) → ranked ESCO occupations, ISCO-08 groups or O*NET-SOC codes, with evidence',
        body: NormalizeTitlesSchema,
        response: { 200: NormalizeReplySchema },
      },
    },
    async (request) => {
      const b = request.body;
      const titles = b.titles ?? [b.title!];
      titles.forEach((t, i) => {
        if (looksBinary(t)) throw validationFailed(b.titles ? `titles.${i}` : 'title', 'text', 'must be text, not binary data');
      });
      const opts = { lang: b.lang, scheme: b.scheme, limit: b.limit ?? 10 };
      const lists = await app.taxonomy.normalizeTitles(titles, opts);
      return { results: b.titles ? lists : lists[0]!, dataVersion: app.taxonomy.manifest.dataVersion };
    },
  );

  r.post(
    '/v1/taxonomy/skills/extract',
    {
      config: { ...anyRole, cost: 'heavy' },
      schema: { tags: ['taxonomy'], summary: 'Text of a job ad or CV → ESCO skills with character spans', body: ExtractSkillsSchema, response: { 200: ExtractReplySchema } },
    },
    async (request) => {
      const { text, lang, limit } = request.body;
      if (looksBinary(text)) throw validationFailed('text', 'text', 'must be text, not binary data');
      const r = app.taxonomy.extractSkillsDetailed(text, { lang, limit });
      // German (no ESCO skill labels here, no lexicon) is read best effort through the other languages' labels
      const unsupported = r.readLang === 'de';
      return {
        skills: r.skills,
        ...(limit ? { candidates: r.candidates } : {}),
        readLang: r.readLang,
        dataVersion: app.taxonomy.manifest.dataVersion,
        ...(unsupported ? { unsupportedLanguage: true } : {}),
      };
    },
  );

  r.get(
    '/v1/taxonomy/occupations/:id',
    {
      config: anyRole,
      schema: {
        tags: ['taxonomy'],
        summary: `An occupation by URL-encoded ESCO URI or ESCO code, an ISCO-08 code or an O*NET-SOC code; labels in ?lang= or Accept-Language (${SUPPORTED_LANGS.join(', ')})`,
        params: ConceptParams,
        querystring: LangQuery,
        response: { 200: OccupationReplySchema },
      },
    },
    async (request) => {
      const { lang, fallback } = requestLang(request, request.query.lang);
      return occupationReply(app.taxonomy, request.params.id, lang, fallback);
    },
  );

  r.get(
    '/v1/taxonomy/skills/:id',
    {
      config: anyRole,
      schema: {
        tags: ['taxonomy'],
        summary: 'An ESCO skill by URL-encoded URI, with broader groups and related skills',
        params: ConceptParams,
        querystring: LangQuery,
        response: { 200: SkillReplySchema },
      },
    },
    async (request) => {
      const tax = app.taxonomy;
      const { lang, fallback } = requestLang(request, request.query.lang);
      const s = tax.skill(request.params.id);
      if (!s) throw notFound('skill', request.params.id);
      return {
        id: s.uri,
        ...labelsIn(s, lang, fallback),
        type: s.type,
        reuseLevel: s.reuseLevel,
        description: s.description,
        broader: tax.skillBroaderGroups(s.uri).map((g) => ({ id: g.uri, label: g.label })),
        related: tax.relatedSkills(s.uri).slice(0, 50).map((x) => ({ id: x.uri, label: tax.label(tax.skill(x.uri)!, lang), relation: x.relation, weight: x.weight })),
      };
    },
  );
};
