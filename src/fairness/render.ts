/** A fairness report as CSV (one row per category × metric) and as a one-page HTML summary in the LL144 style. Pure. */
import { toCsv } from '../csv.js';
import { REPORT_METRICS, type FairnessReport, type ReportCategory, type ReportMetric } from '../schemas/fairness.js';

const METRIC_LABEL: Record<ReportMetric, string> = {
  scoring: 'Scoring rate (share above the median score)',
  topK: 'Selection rate: shown in the top k',
  shortlisted: 'Selection rate: shortlisted or hired by a person',
  hired: 'Selection rate: hired by a person',
};

const CSV_COLUMNS = [
  'attribute',
  'category',
  'comparable',
  'suppressed',
  'candidates',
  'assessments',
  'share',
  'under_2_percent',
  'metric',
  'selected',
  'rate',
  'impact_ratio',
  'four_fifths',
  'p_value',
  'adverse_impact',
  'exposure_share',
  'pool_share',
  'exposure_ratio',
  'period_from',
  'period_to',
];

export function reportToCsv(r: FairnessReport): string {
  const rows = r.categories.flatMap((c) =>
    REPORT_METRICS.map((m) => {
      const cell = c[m];
      return [
        r.attribute,
        c.category,
        c.comparable,
        c.suppressed,
        c.candidates,
        c.assessments,
        c.share,
        c.underMinShare,
        m,
        cell.positive,
        cell.rate,
        cell.impactRatio,
        cell.fourFifths,
        cell.pValue,
        cell.adverseImpact,
        c.exposure?.exposureShare,
        c.exposure?.poolShare,
        c.exposure?.ratio,
        r.period.from,
        r.period.to,
      ];
    }),
  );
  return toCsv(CSV_COLUMNS, rows);
}

const esc = (s: unknown): string =>
  String(s ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
const pct = (x: number | null | undefined): string => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(1)} %`);
const ratio = (x: number | null | undefined): string => (x === null || x === undefined ? '–' : x.toFixed(2));
const count = (x: number | null | undefined): string => (x === null || x === undefined ? '–' : String(x));

function rateCells(c: ReportCategory, m: ReportMetric): string {
  const cell = c[m];
  const cls = cell.adverseImpact ? ' class="adverse"' : cell.fourFifths ? ' class="ff"' : '';
  const mark = cell.adverseImpact ? ' ‼' : cell.fourFifths ? ' !' : '';
  return `<td>${pct(cell.rate)}</td><td${cls}>${ratio(cell.impactRatio)}${mark}</td>`;
}

export function reportToHtml(r: FairnessReport): string {
  const known = r.categories.filter((c) => c.comparable);
  const unknown = r.categories.filter((c) => !c.comparable && (c.assessments ?? 0) > 0);
  const excluded = r.categories.filter((c) => c.underMinShare);
  const rows = r.categories
    .filter((c) => c.suppressed || (c.assessments ?? 0) > 0)
    .map(
      (c) =>
        `<tr${c.comparable ? '' : ' class="unknown"'}><th scope="row">${esc(c.category)}${c.underMinShare ? ' *' : ''}</th><td>${c.suppressed ? `&lt; ${r.suppressionK}` : count(c.candidates)}</td><td>${count(c.assessments)}</td><td>${pct(c.share)}</td>${REPORT_METRICS.map((m) => rateCells(c, m)).join('')}<td>${ratio(c.exposure?.ratio)}</td></tr>`,
    )
    .join('\n');
  const flags = r.flags.length
    ? `<ul>${r.flags.map((f) => `<li><strong>${esc(f.category)}</strong>: ${esc(METRIC_LABEL[f.metric])}, impact ratio ${ratio(f.impactRatio)} (p = ${ratio(f.pValue)})</li>`).join('')}</ul>`
    : '<p>No category has an impact ratio below 0.8 that a permutation test distinguishes from chance at this alpha.</p>';
  const proxies = r.proxies
    ? `<h2>Proxy check</h2><p>${esc(r.proxies.method)}. ${r.proxies.candidates} candidates, ${r.proxies.assessments} assessments.</p>${
        r.proxies.strongest.length
          ? `<table><thead><tr><th>Input</th><th>Attribute</th><th>Value</th><th>Cramér's V</th><th>Effect on scores</th><th>Score gap</th><th>Strength</th></tr></thead><tbody>${r.proxies.strongest
              .map((p) => `<tr><td>${esc(p.input)} (${esc(p.kind)})</td><td>${esc(p.attribute)}</td><td>${esc(p.strongestValue ?? '')}</td><td>${ratio(p.cramersV)}</td><td>${ratio(p.scoreEta)}</td><td>${ratio(p.scoreGap)}</td><td>${ratio(p.strength)}</td></tr>`)
              .join('')}</tbody></table>`
          : '<p>No input reaches strength 0.10.</p>'
      }${
        r.proxies.languageEffect
          ? `<p>Language of the profile (must not matter): among people who speak the same languages, η ${ratio(r.proxies.languageEffect.eta)}, gap ${ratio(r.proxies.languageEffect.gap)} between writing languages (${r.proxies.languageEffect.byLang.map((l) => `${esc(l.lang)} ${l.meanResidual >= 0 ? '+' : ''}${l.meanResidual.toFixed(3)}`).join(', ')})${r.proxies.languageEffect.flagged ? ' <strong>— flagged: the writing language moves scores</strong>' : ''}.</p>`
          : '<p>Language of the profile: too few people who speak the same languages wrote in different ones to measure its effect.</p>'
      }`
    : '';
  const rerank = r.reranking.rankings
    ? `<p>${r.reranking.rankings} rankings used the opt-in fair re-ranking; mean nDCG@k against the unconstrained order ${ratio(r.reranking.meanNdcgAtK)}, mean change of the top-k score ${ratio(r.reranking.meanScoreChangeTopK)}.</p>`
    : '<p>No ranking in the period used the opt-in fair re-ranking.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(r.title)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;max-width:70rem;margin:1.5rem auto;padding:0 1rem;color:#111}
table{border-collapse:collapse;margin:.5rem 0;font-size:13px}th,td{border:1px solid #bbb;padding:.2rem .4rem;text-align:right}
th[scope=row],thead th{text-align:left;background:#f3f3f3}tr.unknown{color:#555;font-style:italic}
td.ff{background:#fff3cd}td.adverse{background:#f8d7da;font-weight:bold}dt{font-weight:bold}dd{margin:0 0 .4rem 0}
</style></head><body>
<h1>${esc(r.title)}</h1>
<dl>
<dt>Period of the data</dt><dd>${esc(r.period.from)} to ${esc(r.period.to)} (generated ${esc(r.generatedAt)})</dd>
<dt>Scope</dt><dd>employer ${esc(r.scope.employer ?? 'all')}, occupation ${esc(r.scope.occupation ?? 'all')}, country ${esc(r.scope.country ?? 'all')}; categories by ${esc(r.attribute)}</dd>
<dt>Data sources</dt><dd>The bias-audit log (${r.dataSources.auditRecords} hash-chained records of ${r.dataSources.rankings} employer rankings of ${r.dataSources.vacancies} vacancies, each with everyone scored), the human decisions recorded on those rankings (${count(r.dataSources.decisions)}), and the attributes candidates declared themselves, joined at report time; nothing protected is stored in the audit log. ${count(r.dataSources.candidates)} candidates, ${count(r.dataSources.assessments)} assessments (vacancy × candidate).${r.dataSources.rankingsWithoutPool ? ` ${r.dataSources.rankingsWithoutPool} older rankings recorded only their served page.` : ''}</dd>
<dt>Method</dt><dd>Scoring rate: the share of a category's assessments scored above the median score of all assessments in scope (${ratio(r.medianScore)}). Selection rates: shown in the top ${r.k}; shortlisted or hired; hired. Impact ratio: a category's rate over the highest category's rate. Four-fifths flag (!): ratio below 0.8. Adverse impact (‼): flagged and ${esc(r.test.method)}, ${r.test.permutations} shuffles, p below ${r.alpha}. Exposure ratio: share of position-discounted attention in the served top ${r.k} over the share of the eligible pool (1 = parity).</dd>
${r.audience === 'ministry' ? `<dt>Suppression</dt><dd>Categories with fewer than ${r.suppressionK} candidates are withheld, with one more where needed so totals do not reveal them; selected counts are not shown.</dd>` : ''}
</dl>
<h2>Results by ${esc(r.attribute)}</h2>
<p>${known.length} declared categories; ${unknown.map((c) => `${esc(c.category)}: ${count(c.assessments)} assessments`).join('; ') || 'no undeclared or prefer-not-to-say assessments'} (reported, not compared).</p>
<table><thead><tr><th>Category</th><th>Candidates</th><th>Assessments</th><th>Share</th>${REPORT_METRICS.map((m) => `<th>${esc(METRIC_LABEL[m])}</th><th>Impact ratio</th>`).join('')}<th>Exposure ratio</th></tr></thead>
<tbody>
${rows}
</tbody></table>
${excluded.length ? `<p>* Under 2 % of the declared data (${excluded.map((c) => esc(c.category)).join(', ')}): reported, excluded from impact ratios as NYC LL144 allows, because a rate over so few assessments is too unstable to compare.</p>` : ''}
<p>Reference (highest rate): ${REPORT_METRICS.map((m) => `${esc(m)} ${esc(r.references[m] ?? '–')}`).join(', ')}.</p>
<h2>Flags</h2>
${flags}
${proxies}
<h2>Fair re-ranking</h2>
${rerank}
<h2>What was not measured</h2>
<ul>${r.notMeasured.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>
</body></html>
`;
}
