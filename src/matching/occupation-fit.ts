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
