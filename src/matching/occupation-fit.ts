import type { OccupationRef } from './types.js';

/**
 * Levels of an ISCO-08 code, extended by ESCO's dotted occupation codes:
 * "2654.1.7" → ["2", "26", "265", "2654", "2654.1", "2654.1.7"].
 */
export function codeLevels(code: string): string[] {
  const [isco = '', ...rest] = code.trim().split('.');
  const levels: string[] = [];
  for (let i = 1; i <= Math.min(4, isco.length); i++) levels.push(isco.slice(0, i));
  if (isco.length === 4) {
    let acc = isco;
    for (const part of rest) {
      if (!part) break;
      acc = `${acc}.${part}`;
      levels.push(acc);
    }
  }
  return levels;
}

/** Number of hierarchy levels two codes share (0 = different ISCO major group). */
export function sharedLevels(a: string, b: string): number {
  const la = codeLevels(a);
  const lb = codeLevels(b);
  let n = 0;
  while (n < la.length && n < lb.length && la[n] === lb[n]) n++;
  return n;
}

/** Fit of two occupation references: same ESCO occupation = 1, else by shared ISCO levels via `levelFit`. */
export function occupationPairFit(a: OccupationRef, b: OccupationRef, levelFit: number[]): number {
  if (a.escoUri && b.escoUri && a.escoUri === b.escoUri) return 1;
  if (!a.iscoCode || !b.iscoCode) return 0;
  const shared = sharedLevels(a.iscoCode, b.iscoCode);
  const fit = levelFit[Math.min(shared, levelFit.length - 1)] ?? 0;
  // Distinct ESCO occupations never reach the full credit of the same one.
  return Math.min(fit, 0.95);
}

/**
 * The probability mass of each reference: user-set codes win outright (mass 1, shared if several); suggestions keep
 * their confidence as a probability, scaled down if the list sums above 1 (older, uncalibrated scores). The rest of
 * the mass is "other/unknown" and earns nothing.
 */
export function occupationMasses(refs: readonly OccupationRef[]): { ref: OccupationRef; p: number }[] {
  const set = refs.filter((r) => r.source === 'set');
  if (set.length > 0) return set.map((ref) => ({ ref, p: 1 / set.length }));
  const ps = refs.map((r) => Math.min(1, Math.max(0, r.confidence ?? 0)));
  const total = ps.reduce((a, b) => a + b, 0);
  const scale = total > 1 ? 1 / total : 1;
  return refs.map((ref, i) => ({ ref, p: ps[i]! * scale })).filter((x) => x.p > 0);
}

/**
 * Expected occupation fit Σ_i Σ_j p_i q_j fit(i, j) of two occupation distributions over the ESCO/ISCO hierarchy.
 * Robust to a sharp, flat or empty distribution: an empty side (unknown occupation) gives 0, never a free credit.
 */
export function expectedOccupationFit(a: readonly OccupationRef[], b: readonly OccupationRef[], levelFit: number[]): number {
  const ma = occupationMasses(a);
  const mb = occupationMasses(b);
  let fit = 0;
  for (const x of ma) for (const y of mb) fit += x.p * y.p * occupationPairFit(x.ref, y.ref, levelFit);
  return Math.min(1, Math.max(0, fit));
}
