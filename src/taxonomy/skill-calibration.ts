/**
 * Calibrated probability of an extracted skill candidate: a monotone map from the raw linking score to the share of
 * candidates at that score that a human judge accepts, fitted on the dev lines of bench/data/skills-realistic.json by
 * `npm run bench:skill-calibration -- --write` (reliability on the held-out test lines: docs/taxonomy.md).
 */
import { createRequire } from 'node:module';

export interface CalibrationMap {
  fittedOn: string;
  points: number;
  /** ascending raw-score bins: the bin's upper raw score and its probability */
  bins: { upTo: number; p: number; n: number }[];
}

let served: CalibrationMap | undefined;
function servedMap(): CalibrationMap {
  served ??= createRequire(import.meta.url)('./skill-calibration.json') as CalibrationMap;
  return served;
}

/** Raw score → probability: the bin's value, interpolated linearly between bin centres' upper edges; monotone. */
export function calibratedProbability(raw: number, map: CalibrationMap = servedMap()): number {
  const bins = map.bins;
  if (!bins.length) return raw;
  if (raw <= bins[0]!.upTo) return bins[0]!.p;
  for (let i = 1; i < bins.length; i++) {
    const a = bins[i - 1]!, b = bins[i]!;
    if (raw <= b.upTo) {
      const t = (raw - a.upTo) / (b.upTo - a.upTo || 1);
      return Math.round((a.p + t * (b.p - a.p)) * 1000) / 1000;
    }
  }
  return bins[bins.length - 1]!.p;
}
