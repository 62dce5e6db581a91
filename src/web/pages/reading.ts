// "How we read your profile": the occupation and skill links the service inferred, and a way to correct them.
// A correction is stored as the seeker's own choice (occupation.esco, skills[].esco), which always wins over suggestions.
import type { FastifyInstance } from 'fastify';
import type { CandidateRow } from '../../services/candidates.js';
import type { Lang } from '../../taxonomy/taxonomy.js';
import { attr, html, type SafeHtml } from '../html.js';
import { formatPercent, type WebLang } from '../i18n/index.js';
import { csrfField, errorSummary, layout, type PageContext, type PageError } from '../layout.js';
import { field, formBody } from '../form.js';
import { profileContent, saveProfile, seekerRow } from '../seeker.js';
import type { WebDeps } from '../plugin.js';
import type { OccupationOutlookNote } from '../../matching/explain.js';
import { profileOutlook } from '../../forecast/profile-outlook.js';

const AUTO = 'auto';
const ALTERNATIVES = 5;
const SKILL_ALTERNATIVES = 4;

/** ESCO has labels in en/fr/es (and nl); Arabic pages show the English label. */
const taxonomyLang = (lang: WebLang): Lang => (lang === 'fr' || lang === 'es' ? lang : 'en');

interface OccupationReading {
  chosenByYou: boolean;
  uri: string | null;
  label: string | null;
  confidence: number | null;
  fromTitle: string | null;
  alternatives: { uri: string; label: string }[];
  /** Further readings with their confidence when the service returns a distribution. */
  distribution: { label: string; confidence: number }[];
}

interface SkillReading {
  label: string;
  chosenByYou: boolean;
  linked: { uri: string; label: string; score: number | null } | null;
  alternatives: { uri: string; label: string }[];
}

async function readProfile(app: FastifyInstance, row: CandidateRow, lang: WebLang): Promise<{ occupation: OccupationReading; skills: SkillReading[]; outlook: OccupationOutlookNote[] }> {
  const tax = app.taxonomy;
  const tl = taxonomyLang(lang);
  const occLabel = (uri: string): string | null => {
    const o = tax.occupation(uri);
    return o ? tax.label(o, tl) : null;
  };
  const suggested = row.suggestions?.occupation;
  const topTitle = [...row.experience].sort((a, b) => b.years - a.years)[0]?.title ?? null;
  const alternatives = topTitle ? (await tax.normalizeTitle(topTitle, { lang: row.lang, limit: ALTERNATIVES })).map((o) => ({ uri: o.id, label: occLabel(o.id) ?? o.label })) : [];
  const uri = row.occupationEsco ?? suggested?.esco ?? null;
  if (uri && !alternatives.some((a) => a.uri === uri)) {
    const label = occLabel(uri);
    if (label) alternatives.unshift({ uri, label });
  }
  const extra = (row.suggestions as { occupations?: unknown } | null)?.occupations;
  const distribution = Array.isArray(extra)
    ? extra.flatMap((o: { esco?: unknown; label?: unknown; confidence?: unknown }) =>
        typeof o?.confidence === 'number' && (typeof o.esco === 'string' || typeof o.label === 'string')
          ? [{ label: (typeof o.esco === 'string' ? occLabel(o.esco) : null) ?? String(o.label), confidence: o.confidence }]
          : [],
      )
    : [];
  const occupation: OccupationReading = {
    chosenByYou: !!row.occupationEsco,
    uri,
    label: uri ? (occLabel(uri) ?? suggested?.label ?? null) : null,
    confidence: row.occupationEsco ? null : (suggested?.score ?? null),
    fromTitle: topTitle,
    alternatives,
    distribution,
  };
  const links = row.suggestions?.skills ?? [];
  const skills = row.skills.map((s): SkillReading => {
    const own = s.esco ? tax.skill(s.esco) : undefined;
    const sug = links.find((l) => l.label === s.label);
    const linked = own
      ? { uri: own.uri, label: tax.label(own, tl), score: null }
      : sug
        ? { uri: sug.esco, label: (tax.skill(sug.esco) ? tax.label(tax.skill(sug.esco)!, tl) : sug.escoLabel) ?? sug.esco, score: sug.score }
        : null;
    const alts = tax.linkSkill(s.label, { lang: row.lang, limit: SKILL_ALTERNATIVES }).map((l) => ({ uri: l.id, label: tax.label(tax.skill(l.id)!, tl) }));
    if (linked && !alts.some((a) => a.uri === linked.uri)) alts.unshift({ uri: linked.uri, label: linked.label });
    return { label: s.label, chosenByYou: !!own, linked, alternatives: alts };
  });
  // The occupation's outlook in the seeker's destinations, in the page's language (information only, never scored).
  const iscoOf = (u: string): string | undefined => {
    const o = tax.occupation(u);
    return o?.code || o?.iscoGroup || undefined;
  };
  const outlook = profileOutlook(app.occupationOutlook, row, iscoOf, lang);
  return { occupation, skills, outlook };
}

function readingPage(ctx: PageContext, r: { occupation: OccupationReading; skills: SkillReading[]; outlook: OccupationOutlookNote[] }, errors: PageError[], notice?: string): SafeHtml {
  const { t, lang } = ctx;
  const o = r.occupation;
  return layout(ctx, {
    title: t('readingTitle'),
    current: '/app/profile/reading',
    notice,
    body: html`<h1>${t('readingTitle')}</h1>
${errorSummary(ctx, errors)}
<p>${t('readingIntro')}</p>
<form method="post" action="/app/profile/reading" novalidate>
${csrfField(ctx)}
<section aria-labelledby="occ-title" class="card">
<h2 id="occ-title">${t('readingOccupation')}</h2>
${o.label
  ? html`<p><strong>${o.label}</strong></p>
${o.chosenByYou ? html`<p class="meta">${t('readingYourChoice')}</p>` : o.confidence !== null ? html`<p class="meta">${t('readingConfidence', { pct: formatPercent(lang, o.confidence) })}</p>` : ''}
${o.fromTitle && !o.chosenByYou ? html`<p class="meta">${t('readingFromTitle', { title: o.fromTitle })}</p>` : ''}
${o.distribution.length > 1 ? html`<ul>${o.distribution.map((d) => html`<li>${d.label}: ${formatPercent(lang, d.confidence)}</li>`)}</ul>` : ''}`
  : html`<p>${t('readingNoOccupation')}</p>`}
${r.outlook.length > 0
  ? html`<div class="outlook" id="occupation-outlook"><p class="meta">${t('readingOutlook')}</p>
<ul>${r.outlook.map((n) => html`<li lang="${n.lang}">${n.text}</li>`)}</ul></div>`
  : ''}
${o.alternatives.length > 0
  ? html`<fieldset><legend>${t('readingAlternatives')}</legend>
${o.alternatives.map(
  (a, i) => html`<div class="choice"><input type="radio" id="occ-${i}" name="occupation" value="${a.uri}"${attr('checked', o.chosenByYou && a.uri === o.uri)}><label for="occ-${i}">${a.label}</label></div>`,
)}
<div class="choice"><input type="radio" id="occ-auto" name="occupation" value="${AUTO}"${attr('checked', !o.chosenByYou)}><label for="occ-auto">${o.chosenByYou ? t('readingNoneOfThese') : t('readingKeep')}</label></div>
</fieldset>`
  : ''}
</section>
<section aria-labelledby="skills-title">
<h2 id="skills-title">${t('readingSkills')}</h2>
${r.skills.length === 0
  ? html`<p>${t('readingNoSkills')}</p>`
  : html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${t('readingYouWrote')}</th><th scope="col">${t('readingWeRead')}</th></tr></thead>
<tbody>${r.skills.map(
      (s, i) => html`<tr><th scope="row">${s.label}</th><td>
<p>${s.linked ? html`${s.linked.label}${s.chosenByYou ? html` <span class="meta">(${t('readingYourChoice')})</span>` : ''}` : html`<span class="meta">${t('readingNotLinked')}</span>`}</p>
${s.alternatives.length > 0
  ? html`<label for="skill-${i}" class="visually-hidden">${t('readingChange', { label: s.label })}</label>
<select id="skill-${i}" name="skill-${i}"><option value="${AUTO}"${attr('selected', !s.chosenByYou)}>${t('readingKeep')}</option>${s.alternatives.map(
      (a) => html`<option value="${a.uri}"${attr('selected', s.chosenByYou && s.linked?.uri === a.uri)}>${a.label}</option>`,
    )}</select>`
  : ''}
</td></tr>`,
    )}</tbody></table></div>`}
</section>
<div class="actions"><button type="submit">${t('readingSave')}</button></div>
</form>`,
  });
}

export async function readingPages(s: FastifyInstance, deps: WebDeps): Promise<void> {
  const { app } = deps;
  const roles = ['jobseeker'] as const;

  s.get('/profile/reading', { config: { roles, cost: 'heavy' }, schema: { hide: true } }, async (request, reply) => {
    const row = (await seekerRow(app, request));
    const ctx = deps.context(request, reply, 'seeker', true);
    const saved = (request.query as { saved?: unknown } | undefined)?.saved === '1';
    return deps.send(reply, readingPage(ctx, await readProfile(app, row, ctx.lang), [], saved ? ctx.t('saved') : undefined));
  });

  s.post('/profile/reading', { config: { roles, cost: 'heavy' }, schema: { hide: true } }, async (request, reply) => {
    const row = (await seekerRow(app, request));
    const b = formBody(request.body);
    const ctx = deps.context(request, reply, 'seeker', true);
    const content = (await profileContent(app, row));
    const occ = field(b, 'occupation');
    if (occ === AUTO) delete content.occupation;
    else if (occ && app.taxonomy.occupation(occ)) content.occupation = { esco: app.taxonomy.occupation(occ)!.uri };
    content.skills = row.skills.map((sk, i) => {
      const v = field(b, `skill-${i}`);
      if (v === AUTO) return { label: sk.label };
      const linked = v ? app.taxonomy.skill(v) : undefined;
      return linked ? { label: sk.label, esco: linked.uri } : sk;
    });
    if (!content.residenceCountry) {
      return deps.send(reply, readingPage(ctx, await readProfile(app, row, ctx.lang), [{ message: ctx.t('errResidence') }]), 400);
    }
    const saved = await saveProfile(app, row, content);
    if ('issues' in saved) {
      request.log.warn({ issues: saved.issues }, 'web reading correction failed validation');
      return deps.send(reply, readingPage(ctx, await readProfile(app, row, ctx.lang), [{ message: ctx.t('errorGeneric') }]), 400);
    }
    return reply.redirect('/app/profile/reading?saved=1', 303);
  });
}
