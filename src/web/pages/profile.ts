// The profile in five steps. Each step is one form that saves through the API's own writer; works without JavaScript.
import type { FastifyInstance } from 'fastify';
import { CEFR_LEVELS } from '../../schemas/common.js';
import type { PutCandidate } from '../../schemas/candidate.js';
import type { CandidateRow } from '../../services/candidates.js';
import { attr, html, type SafeHtml } from '../html.js';
import type { MessageKey } from '../i18n/index.js';
import { csrfField, describedBy, errorSummary, fieldError, layout, type PageContext, type PageError } from '../layout.js';
import { field, fields, formBody, queryOf, type FormBody } from '../form.js';
import { allCountries, allLanguages, DESTINATIONS, isCountry, isLanguage, profileContent, saveProfile, seekerRow } from '../seeker.js';
import { countryName } from '../i18n/index.js';
import type { WebDeps } from '../plugin.js';

const STEPS: MessageKey[] = ['step1', 'step2', 'step3', 'step4', 'step5'];
const EXPERIENCE_ROWS = 3;
const EXTRA_LANGUAGE_ROWS = 2;

const stepOf = (x: unknown): number => {
  const n = Number(x);
  return Number.isInteger(n) && n >= 1 && n <= STEPS.length ? n : 1;
};

function countryOptions(ctx: PageContext, selected: string | undefined, placeholder: MessageKey): SafeHtml {
  return html`<option value="">${ctx.t(placeholder)}</option>${allCountries(ctx.lang).map(
    (c) => html`<option value="${c.code}"${attr('selected', c.code === selected)}>${c.name}</option>`,
  )}`;
}

function stepNav(ctx: PageContext, step: number): SafeHtml {
  return html`<nav aria-label="${ctx.t('profileTitle')}"><ol class="steps">${STEPS.map(
    (key, i) => html`<li>${i + 1 === step ? html`<span aria-current="step">${ctx.t(key)}</span>` : html`<a href="/app/profile?step=${i + 1}">${ctx.t(key)}</a>`}</li>`,
  )}</ol></nav>`;
}

function step1(ctx: PageContext, c: PutCandidate, errors: PageError[]): SafeHtml {
  const { t } = ctx;
  const rows = Array.from({ length: Math.max(EXPERIENCE_ROWS, c.experience.length) }, (_, i) => c.experience[i]);
  return html`<div class="field">
<label for="displayName">${t('fieldDisplayName')}</label>
${fieldError(errors, 'displayName')}
<input type="text" id="displayName" name="displayName" value="${c.displayName}" maxlength="80" required autocomplete="nickname"${describedBy(errors, 'displayName')}>
</div>
<div class="field">
<label for="residenceCountry">${t('fieldResidence')}</label>
${fieldError(errors, 'residenceCountry')}
<select id="residenceCountry" name="residenceCountry" required autocomplete="country"${describedBy(errors, 'residenceCountry')}>${countryOptions(ctx, c.residenceCountry, 'chooseCountry')}</select>
</div>
<fieldset>
<legend>${t('experienceLegend')}</legend>
<p class="hint" id="experience-hint">${t('experienceHint')}</p>
${rows.map(
  (e, i) => html`<div class="row">
<div class="field"><label for="title-${i}">${t('fieldJobTitle', { n: i + 1 })}</label>${fieldError(errors, `title-${i}`)}
<input type="text" id="title-${i}" name="title" value="${e?.title ?? ''}" maxlength="200" list="occupation-suggestions" data-suggest="/app/suggest/occupations" autocomplete="off"${describedBy(errors, `title-${i}`, 'experience-hint')}></div>
<div class="field"><label for="years-${i}">${t('fieldYears')}</label>${fieldError(errors, `years-${i}`)}
<input type="number" id="years-${i}" name="years" value="${e ? String(e.years) : ''}" min="0" max="60" step="0.5" inputmode="decimal"${describedBy(errors, `years-${i}`)}></div>
<div class="field"><label for="jobCountry-${i}">${t('fieldJobCountry')}</label>
<select id="jobCountry-${i}" name="jobCountry">${countryOptions(ctx, e?.country, 'chooseCountry')}</select></div>
</div>`,
)}
<datalist id="occupation-suggestions"></datalist>
</fieldset>
<div class="field">
<label for="educationLevel">${t('fieldEducation')}</label>
<select id="educationLevel" name="educationLevel"><option value="">${t('educationNone')}</option>${[0, 1, 2, 3, 4, 5, 6, 7, 8].map(
    (n) => html`<option value="${n}"${attr('selected', c.educationLevel === n)}>${t(`isced${n}` as MessageKey)}</option>`,
  )}</select>
</div>`;
}

function step2(ctx: PageContext, c: PutCandidate, errors: PageError[]): SafeHtml {
  const { t } = ctx;
  return html`<p>${t('skillsIntro')}</p>
<div class="field">
<label for="skill">${t('fieldAddSkill')}</label>
${fieldError(errors, 'skill')}
<div class="row"><div class="field"><input type="text" id="skill" name="skill" maxlength="200" list="skill-suggestions" data-suggest="/app/suggest/skills" autocomplete="off"${describedBy(errors, 'skill')}></div>
<button type="submit" name="action" value="add" class="secondary">${t('addSkill')}</button></div>
<datalist id="skill-suggestions"></datalist>
</div>
<h2>${t('yourSkills', { n: c.skills.length })}</h2>
${c.skills.length === 0
  ? html`<p>${t('noSkills')}</p>`
  : html`<ul class="skill-list">${c.skills.map(
      (s, i) => html`<li><span>${s.label}</span><button type="submit" name="remove" value="${i}" class="link-button" aria-label="${t('removeSkill', { label: s.label })}">${t('remove')}</button></li>`,
    )}</ul>`}`;
}

function step3(ctx: PageContext, c: PutCandidate, errors: PageError[]): SafeHtml {
  const { t } = ctx;
  const rows = Array.from({ length: Math.min(20, c.languages.length + EXTRA_LANGUAGE_ROWS) }, (_, i) => c.languages[i]);
  const langs = allLanguages(ctx.lang);
  return html`<p>${t('languagesIntro')}</p>
<details><summary>${t('cefrHelpTitle')}</summary><ul id="cefr-help">${CEFR_LEVELS.map((l) => html`<li>${t(`cefr${l}` as MessageKey)}</li>`)}</ul></details>
${rows.map(
  (l, i) => html`<div class="row">
<div class="field"><label for="lang-${i}">${t('fieldLanguage', { n: i + 1 })}</label>${fieldError(errors, `lang-${i}`)}
<select id="lang-${i}" name="langCode"${describedBy(errors, `lang-${i}`)}><option value="">${t('chooseLanguage')}</option>${langs.map(
    (x) => html`<option value="${x.code}"${attr('selected', l?.code === x.code)}>${x.name}</option>`,
  )}</select></div>
<div class="field"><label for="level-${i}">${t('fieldLevel', { n: i + 1 })}</label>
<select id="level-${i}" name="langLevel" aria-describedby="cefr-help"><option value="">${t('chooseLevel')}</option>${CEFR_LEVELS.map(
    (lv) => html`<option value="${lv}"${attr('selected', l?.level === lv)}>${t(`cefr${lv}` as MessageKey)}</option>`,
  )}</select></div>
</div>`,
)}`;
}

function step4(ctx: PageContext, c: PutCandidate, errors: PageError[]): SafeHtml {
  const { t } = ctx;
  const codes = [...new Set([...DESTINATIONS, ...c.destinations])]
    .map((code) => ({ code, name: countryName(ctx.lang, code) }))
    .sort((a, b) => a.name.localeCompare(b.name, ctx.lang));
  return html`<fieldset${describedBy(errors, 'destinations', 'destinations-hint')}>
<legend>${t('destinationsLegend')}</legend>
<p class="hint" id="destinations-hint">${t('destinationsIntro')}</p>
${fieldError(errors, 'destinations')}
<div class="checks" id="destinations">${codes.map(
    (x) => html`<div class="choice"><input type="checkbox" id="dest-${x.code}" name="destinations" value="${x.code}"${attr('checked', c.destinations.includes(x.code))}><label for="dest-${x.code}">${x.name}</label></div>`,
  )}</div>
</fieldset>`;
}

function step5(ctx: PageContext, c: PutCandidate): SafeHtml {
  const { t } = ctx;
  return html`<section aria-labelledby="notice-title" class="card">
<h2 id="notice-title">${t('consentNoticeTitle')}</h2>
<p>${t('consentWhat')}</p>
<p>${t('consentWhy')}</p>
<p>${t('consentEmployers')}</p>
<p>${t('consentAudit')}</p>
<p>${t('consentRights')}</p>
</section>
<fieldset>
<legend class="visually-hidden">${t('step5')}</legend>
<div class="choice"><input type="checkbox" id="consentMatching" name="consentMatching" value="yes"${attr('checked', c.consent.matching)}><label for="consentMatching">${t('consentMatching')}</label></div>
<div class="choice"><input type="checkbox" id="consentVisible" name="consentVisible" value="yes"${attr('checked', c.consent.visibleToEmployers)}><label for="consentVisible">${t('consentVisible')}</label></div>
</fieldset>`;
}

function profilePage(ctx: PageContext, step: number, c: PutCandidate, errors: PageError[], notice?: string): SafeHtml {
  const { t } = ctx;
  const body = [step1, step2, step3, step4, step5][step - 1]!(ctx, c, errors);
  return layout(ctx, {
    title: `${t(STEPS[step - 1]!)} · ${t('profileTitle')}`,
    current: '/app/profile',
    notice,
    body: html`<h1>${t('profileTitle')}</h1>
${stepNav(ctx, step)}
${errorSummary(ctx, errors)}
<h2>${t('stepOf', { n: step, total: STEPS.length })}: ${t(STEPS[step - 1]!)}</h2>
<form method="post" action="/app/profile" novalidate>
${csrfField(ctx)}
<input type="hidden" name="step" value="${step}">
${body}
<div class="actions">
<button type="submit" name="action" value="next">${step === STEPS.length ? t('saveFinish') : t('saveContinue')}</button>
${step > 1 ? html`<a href="/app/profile?step=${step - 1}">${t('back')}</a>` : ''}
</div>
</form>`,
  });
}

/** Apply one step's form to the profile; returns the changed profile and the errors, by field id. */
function applyStep(ctx: PageContext, step: number, c: PutCandidate, b: FormBody): { content: PutCandidate; errors: PageError[]; stay: boolean } {
  const { t } = ctx;
  const errors: PageError[] = [];
  const next = { ...c };
  let stay = false;
  if (step === 1) {
    next.displayName = field(b, 'displayName');
    if (next.displayName.length < 1 || next.displayName.length > 80) errors.push({ field: 'displayName', message: t('errDisplayName') });
    next.residenceCountry = field(b, 'residenceCountry');
    if (!isCountry(next.residenceCountry)) errors.push({ field: 'residenceCountry', message: t('errResidence') });
    const titles = fields(b, 'title');
    const years = fields(b, 'years');
    const countries = fields(b, 'jobCountry');
    next.experience = [];
    titles.slice(0, 50).forEach((raw0, i) => {
      const title = raw0.trim();
      if (!title) return;
      if (title.length > 200) errors.push({ field: `title-${i}`, message: t('errJobTitle') });
      const y = (years[i] ?? '').trim().replace(',', '.');
      const n = y === '' ? 0 : Number(y);
      if (!Number.isFinite(n) || n < 0 || n > 60) errors.push({ field: `years-${i}`, message: t('errYears') });
      const country = (countries[i] ?? '').trim();
      next.experience.push({ title: title.slice(0, 200), years: Number.isFinite(n) ? Math.min(60, Math.max(0, n)) : 0, ...(isCountry(country) ? { country } : {}) });
    });
    const edu = field(b, 'educationLevel');
    if (/^[0-8]$/.test(edu)) next.educationLevel = Number(edu);
    else delete next.educationLevel;
  } else if (step === 2) {
    const remove = field(b, 'remove');
    if (remove !== '' && /^\d+$/.test(remove)) {
      next.skills = c.skills.filter((_, i) => i !== Number(remove));
      stay = true;
    } else {
      const skill = field(b, 'skill');
      if (skill) {
        if (skill.length > 200) errors.push({ field: 'skill', message: t('errSkill') });
        else if (c.skills.length >= 200) errors.push({ field: 'skill', message: t('errSkillMax') });
        else if (!c.skills.some((s) => s.label.toLowerCase() === skill.toLowerCase())) next.skills = [...c.skills, { label: skill }];
        stay = true;
      } else if (field(b, 'action') === 'add') {
        errors.push({ field: 'skill', message: t('errSkill') });
      }
    }
  } else if (step === 3) {
    const codes = fields(b, 'langCode');
    const levels = fields(b, 'langLevel');
    const seen = new Set<string>();
    next.languages = [];
    codes.slice(0, 22).forEach((code, i) => {
      const level = levels[i] ?? '';
      if (!code && !level) return;
      if (!isLanguage(code) || !(CEFR_LEVELS as readonly string[]).includes(level)) {
        errors.push({ field: `lang-${i}`, message: t('errLanguage') });
        return;
      }
      if (seen.has(code) || next.languages.length >= 20) return;
      seen.add(code);
      next.languages.push({ code, level: level as (typeof CEFR_LEVELS)[number] });
    });
  } else if (step === 4) {
    const chosen = [...new Set(fields(b, 'destinations').filter(isCountry))];
    if (chosen.length > 30) errors.push({ field: 'destinations', message: t('errDestinations') });
    next.destinations = chosen.slice(0, 30);
  } else {
    next.consent = { matching: field(b, 'consentMatching') === 'yes', visibleToEmployers: field(b, 'consentVisible') === 'yes' };
  }
  return { content: next, errors, stay };
}

export async function profilePages(s: FastifyInstance, deps: WebDeps): Promise<void> {
  const { app } = deps;
  const seeker = { roles: ['jobseeker'] as const };

  s.get('/profile', { config: { roles: seeker.roles }, schema: { hide: true } }, async (request, reply) => {
    const row = (await seekerRow(app, request));
    const q = queryOf(request.query);
    const ctx = deps.context(request, reply, 'seeker', true);
    // A new profile starts at step 1; a complete one opens where the seeker asked.
    return deps.send(reply, profilePage(ctx, stepOf(q.step), (await profileContent(app, row)), [], q.saved === '1' ? ctx.t('saved') : undefined));
  });

  s.post('/profile', { config: { roles: seeker.roles, cost: 'heavy' }, schema: { hide: true } }, async (request, reply) => {
    const row: CandidateRow = (await seekerRow(app, request));
    const b = formBody(request.body);
    const step = stepOf(field(b, 'step'));
    const ctx = deps.context(request, reply, 'seeker', true);
    const current = (await profileContent(app, row));
    const { content, errors, stay } = applyStep(ctx, step, current, b);
    // Steps before step 1 is filled in cannot be saved alone: the API needs a residence country.
    if (step !== 1 && !isCountry(content.residenceCountry)) errors.push({ message: ctx.t('errResidence') });
    if (errors.length > 0) return deps.send(reply, profilePage(ctx, step, content, errors), 400);
    const saved = await saveProfile(app, row, { ...content, lang: content.lang ?? ctx.lang });
    if ('issues' in saved) {
      request.log.warn({ issues: saved.issues }, 'web profile step failed validation');
      return deps.send(reply, profilePage(ctx, step, content, [{ message: ctx.t('errorGeneric') }]), 400);
    }
    if (stay) return reply.redirect(`/app/profile?step=${step}&saved=1`, 303);
    return reply.redirect(step === STEPS.length ? '/app/matches' : `/app/profile?step=${step + 1}`, 303);
  });

  // Suggestions as you type (progressive enhancement): ESCO skill and occupation labels in the page's language.
  const suggestQuery = (request: { query: unknown }) => {
    const q = queryOf(request.query);
    return { text: field(q, 'q').slice(0, 100), lang: field(q, 'lang') };
  };
  s.get('/suggest/skills', { config: { roles: seeker.roles, cost: 'heavy' }, schema: { hide: true } }, async (request, reply) => {
    const { text, lang } = suggestQuery(request);
    const items = text.length < 2 ? [] : app.taxonomy.linkSkill(text, { lang: lang || request.web.lang, limit: 8 }).map((s) => ({ label: s.label, id: s.id }));
    return reply.type('application/json; charset=utf-8').send({ items });
  });
  s.get('/suggest/occupations', { config: { roles: seeker.roles, cost: 'heavy' }, schema: { hide: true } }, async (request, reply) => {
    const { text, lang } = suggestQuery(request);
    const items = text.length < 2 ? [] : (await app.taxonomy.normalizeTitle(text, { lang: lang || request.web.lang, limit: 8 })).map((o) => ({ label: o.label, id: o.id }));
    return reply.type('application/json; charset=utf-8').send({ items });
  });
}
