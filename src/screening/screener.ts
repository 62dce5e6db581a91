// The screener: text rules, the minimum-wage and plausibility checks, the structured fields and (optionally) the
// semantic matcher, combined into one list of flags, each with its evidence and severity.
import { FLAG_TYPES, SEVERITY_RANK, type ScreeningMode, type FlagEvidence, type FlagType, type OccupationHint, type ScreenableVacancy, type ScreeningFlag, type ScreeningOutcome, type Severity } from './types.js';
import { runRules, structuredHoursFlag, vacancyText, type RuleHit, type ScreeningText } from './rules/index.js';
import { evidenceOf } from './rules/common.js';
import { payChecks } from './pay-checks.js';
import type { MinimumWageTable } from './minimum-wage.js';
import type { OccupationPayIndex } from './occupation-pay.js';
import type { SemanticMatcher, SentenceScores } from './semantic.js';


export const RULES_VERSION = 'rules-2026-12-02.11';

export interface ScreenerDeps {
  table: MinimumWageTable;
  occupationPay?: OccupationPayIndex;
  semantic?: SemanticMatcher;
  mode: ScreeningMode;
}

/** Everything the screener saw, before combination (the bench compares modes from one pass). */
export interface ScreeningSignals {
  text: ScreeningText;
  hits: RuleHit[];
  payFlags: ScreeningFlag[];
  structuredFlags: ScreeningFlag[];
  wage: ScreeningOutcome['wage'];
  semantic: SentenceScores[];
}

const usesSemantic = (m: ScreeningMode) => m !== 'rules' && m !== 'rules+weak';

function mergeFlags(flags: ScreeningFlag[]): ScreeningFlag[] {
  const byType = new Map<FlagType, ScreeningFlag>();
  for (const f of flags) {
    const cur = byType.get(f.type);
    if (!cur) {
      byType.set(f.type, { ...f, evidence: [...f.evidence] });
      continue;
    }
    if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[cur.severity]) cur.severity = f.severity;
    for (const e of f.evidence) {
      const overlaps = cur.evidence.some((x) => x.field === e.field && x.start !== undefined && e.start !== undefined && x.start < e.end! && e.start < x.end!);
      if (!overlaps && !cur.evidence.some((x) => x.field === e.field && x.text === e.text) && cur.evidence.length < 3) cur.evidence.push(e);
    }
    if (f.facts) cur.facts = { ...f.facts, ...cur.facts };
  }
  // Stable order: severity, then the catalogue's order.
  return [...byType.values()].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || FLAG_TYPES.indexOf(a.type) - FLAG_TYPES.indexOf(b.type));
}

export class Screener {
  readonly version: string;

  constructor(private readonly deps: ScreenerDeps) {
    this.version = [RULES_VERSION, deps.table.version, ...(deps.semantic && usesSemantic(deps.mode) ? [deps.semantic.version] : []), deps.mode].join('+');
  }

  get mode(): ScreeningMode {
    return this.deps.mode;
  }

  /** Everything but the semantic scores (synchronous, no I/O). */
  ruleSignals(v: ScreenableVacancy, occupation: OccupationHint | undefined, date: string): Omit<ScreeningSignals, 'semantic'> {
    const text = vacancyText(v);
    const hits = runRules(v, text);
    const occupationPay = this.deps.occupationPay?.relative(occupation);
    const { wage, flags: payFlags } = payChecks({ vacancy: v, text, table: this.deps.table, date, occupationPay, usMedianHourly: this.deps.occupationPay?.usMedianHourly });
    const structuredFlags: ScreeningFlag[] = [];
    if (v.recruitmentFees?.chargedToWorker === true) {
      structuredFlags.push({ type: 'worker-pays-fees', severity: 'high', source: 'structured', evidence: [{ field: 'recruitmentFees.chargedToWorker', text: 'true' }] });
    }
    const hoursFlag = structuredHoursFlag(v.hoursPerWeek, v.country);
    if (hoursFlag) {
      structuredFlags.push({ type: 'excessive-hours', severity: hoursFlag.severity, source: 'structured', evidence: [{ field: 'hoursPerWeek', text: `${v.hoursPerWeek} hours per week` }], facts: { hoursPerWeek: v.hoursPerWeek! } });
    }
    return { text, hits, payFlags, structuredFlags, wage };
  }

  async signals(v: ScreenableVacancy, occupation: OccupationHint | undefined, date: string, withSemantic = usesSemantic(this.deps.mode)): Promise<ScreeningSignals> {
    const base = this.ruleSignals(v, occupation, date);
    const semantic = withSemantic && this.deps.semantic ? await this.deps.semantic.score(base.text) : [];
    return { ...base, semantic };
  }

  /** Combine the signals as `mode` says. */
  combine(s: ScreeningSignals, mode: ScreeningMode = this.deps.mode): ScreeningFlag[] {
    const flags: ScreeningFlag[] = [...s.payFlags, ...s.structuredFlags];
    const fieldOf = (h: { field: string }) => s.text.fields.find((f) => f.field === h.field)!;
    const fromHit = (h: RuleHit, source: ScreeningFlag['source'] = 'rules', severity: Severity = h.severity): ScreeningFlag => ({
      type: h.type,
      severity,
      source,
      evidence: [evidenceOf(fieldOf(h), h.start, h.end)],
      ...(h.facts ? { facts: h.facts } : {}),
    });
    const sem = this.deps.semantic;
    const semanticAt = (h: RuleHit): number => {
      let best = -1;
      for (const x of s.semantic) {
        if (x.field !== h.field || x.end <= h.start || x.start >= h.end) continue;
        best = Math.max(best, x.scores[h.type] ?? -1);
      }
      return best;
    };
    const strong = s.hits.filter((h) => h.tier === 'strong');
    const weak = s.hits.filter((h) => h.tier === 'weak');
    if (mode !== 'semantic') for (const h of strong) flags.push(fromHit(h));
    // A weak cue alone never holds a vacancy: it is shown at medium severity at most.
    const capped = (h: RuleHit): Severity => (h.severity === 'high' ? 'medium' : h.severity);
    if (mode === 'rules+weak') for (const h of weak) flags.push(fromHit(h, 'rules', capped(h)));
    if (sem && (mode === 'rules+confirm' || mode === 'rules+confirm|semantic')) {
      for (const h of weak) if (semanticAt(h) >= sem.confirmThreshold(h.type)) flags.push(fromHit(h, 'rules', capped(h)));
    }
    if (sem && (mode === 'semantic' || mode === 'rules|semantic' || mode === 'rules+confirm|semantic')) {
      for (const x of s.semantic) {
        for (const type of FLAG_TYPES) {
          const score = x.scores[type];
          if (score === undefined || score < sem.flagThreshold(type)) continue;
          const ft = s.text.fields.find((f) => f.field === x.field)!;
          // A semantic match alone never holds a vacancy: it is shown, with its sentence, at low severity.
          flags.push({ type, severity: 'low', source: 'semantic', evidence: [evidenceOf(ft, x.start, x.end)], facts: { similarity: Math.round(score * 1000) / 1000 } });
        }
      }
    }
    const typesFound = new Set(flags.map((f) => f.type));
    // A visa sold for money is also a fee charged to the worker.
    for (const f of [...flags]) {
      if (f.type === 'visa-for-payment' && !typesFound.has('worker-pays-fees')) {
        flags.push({ ...f, type: 'worker-pays-fees' });
        typesFound.add('worker-pays-fees');
      }
    }
    const merged = mergeFlags(flags);
    return merged;
  }

  async screen(v: ScreenableVacancy, occupation?: OccupationHint, opts: { now?: Date } = {}): Promise<ScreeningOutcome> {
    const now = opts.now ?? new Date();
    const today = now.toISOString().slice(0, 10);
    const date = v.startDate && v.startDate > today ? v.startDate : today;
    const s = await this.signals(v, occupation, date);
    const flags = this.combine(s);
    const fees = flags.find((f) => f.type === 'worker-pays-fees' && f.source !== 'structured');
    // The structured "not charged to the worker" never overrides text that says otherwise: say so on the flag.
    if (fees && v.recruitmentFees?.chargedToWorker === false) fees.facts = { ...fees.facts, contradicts: 'recruitmentFees.chargedToWorker: false' };
    return { version: this.version, screenedAt: now.toISOString(), flags, wage: s.wage };
  }
}

export type { FlagEvidence };
export { SCREENING_MODES, type ScreeningMode } from './types.js';
