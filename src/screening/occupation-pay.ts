// How well an occupation usually pays, relative to the median of all occupations: from the BLS Employment
// Projections median wages (shipped in data/labour), reached from ESCO through the ESCO → O*NET crosswalk and
// aggregated by ISCO group. US relativities stand in for every destination; they only scale a generous threshold.
import { median } from '../matching/fairness.js';

export interface OccupationPayInputs {
  occupations: { uri: string; iscoGroup: string; onet: string[] }[];
  /** BLS EP rows: SOC code, row type and median annual wage (the "00-0000" row is all occupations). */
  bls: { soc: string; type: string; medianWage: number | null | undefined }[];
}

export interface RelativePay {
  /** Median wage of the occupation ÷ median wage of all occupations. */
  value: number;
  basis: 'esco' | 'isco4' | 'isco3' | 'isco2' | 'isco1';
}

export class OccupationPayIndex {
  private readonly byEsco = new Map<string, number>();
  private readonly byIsco = new Map<string, number>();
  /** The US median hourly wage of all occupations (annual median ÷ 2,080 hours), for US vacancies. */
  readonly usMedianHourly: number | undefined;

  constructor(inputs: OccupationPayInputs) {
    const all = inputs.bls.find((r) => r.soc === '00-0000')?.medianWage ?? undefined;
    this.usMedianHourly = all ? all / 2080 : undefined;
    if (!all) return;
    const wage = new Map<string, number>();
    for (const r of inputs.bls) if (r.medianWage) wage.set(r.soc, r.medianWage);
    const socWage = (onet: string): number | undefined => {
      const soc = onet.slice(0, 7);
      // Detailed occupation, else its broad group (last digit 0), else its minor group.
      return wage.get(soc) ?? wage.get(`${soc.slice(0, 6)}0`) ?? wage.get(`${soc.slice(0, 5)}00`);
    };
    const groups = new Map<string, number[]>();
    for (const o of inputs.occupations) {
      const ws = o.onet.map(socWage).filter((x): x is number => x !== undefined);
      if (ws.length === 0) continue;
      const rel = median(ws) / all;
      this.byEsco.set(o.uri, rel);
      const g = o.iscoGroup;
      for (let len = 1; len <= Math.min(4, g.length); len++) {
        const key = g.slice(0, len);
        const list = groups.get(key) ?? [];
        list.push(rel);
        groups.set(key, list);
      }
    }
    for (const [k, list] of groups) this.byIsco.set(k, median(list));
  }

  get size(): number {
    return this.byEsco.size;
  }

  relative(occ: { esco?: string | null; isco?: string | null } | undefined): RelativePay | undefined {
    if (!occ) return undefined;
    if (occ.esco) {
      const v = this.byEsco.get(occ.esco);
      if (v !== undefined) return { value: v, basis: 'esco' };
    }
    const isco = occ.isco?.replace(/\..*$/, '');
    if (isco) {
      for (let len = Math.min(4, isco.length); len >= 1; len--) {
        const v = this.byIsco.get(isco.slice(0, len));
        if (v !== undefined) return { value: v, basis: `isco${len}` as RelativePay['basis'] };
      }
    }
    return undefined;
  }
}
