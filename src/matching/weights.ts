import { COMPONENT_NAMES, type MatchWeights } from './types.js';
import weights20261201v1 from './weights/mw-2026-12-01.1.json' with { type: 'json' };
import weights20261201v2 from './weights/mw-2026-12-01.2.json' with { type: 'json' };
import weights20261201v3 from './weights/mw-2026-12-01.3.json' with { type: 'json' };
import weights20261201v4 from './weights/mw-2026-12-01.4.json' with { type: 'json' };
import weights20261201v5 from './weights/mw-2026-12-01.5.json' with { type: 'json' };
import weights20261201v6 from './weights/mw-2026-12-01.6.json' with { type: 'json' };
import weights20261201v7 from './weights/mw-2026-12-01.7.json' with { type: 'json' };
import weights20261201v8 from './weights/mw-2026-12-01.8.json' with { type: 'json' };
import weights20261201v10 from './weights/mw-2026-12-01.10.json' with { type: 'json' };
import weights20261201v11 from './weights/mw-2026-12-01.11.json' with { type: 'json' };
import weights20261201v12 from './weights/mw-2026-12-01.12.json' with { type: 'json' };

/** The weights version the service serves; its JSON is committed next to this file. */
export const MATCH_WEIGHTS_VERSION = 'mw-2026-12-01.12';

/** Validate a weights object (from JSON) and return it typed; throws on a missing or negative weight. */
export function parseMatchWeights(raw: unknown): MatchWeights {
  const o = raw as Partial<MatchWeights> | null;
  if (!o || typeof o.version !== 'string' || !o.weights || !o.params) throw new Error('match weights: version, weights and params are required');
  for (const n of COMPONENT_NAMES) {
    const w = o.weights[n];
    if (typeof w !== 'number' || !(w >= 0)) throw new Error(`match weights: weight "${n}" must be a number >= 0`);
  }
  const p = o.params;
  for (const k of [
    'semanticFloor',
    'relatedCredit',
    'lexicalThreshold',
    'lexicalCredit',
    'noDestinationValue',
    'languagePenaltyPerLevel',
    'optionalRequirementWeight',
    'licenceFamilyCredit',
    'recognitionInProgressCredit',
    'certificateThreshold',
  ] as const) {
    if (typeof p[k] !== 'number' || !Number.isFinite(p[k])) throw new Error(`match weights: param "${k}" must be a number`);
  }
  if (!Array.isArray(p.occupationLevelFit) || p.occupationLevelFit.length === 0) throw new Error('match weights: occupationLevelFit must be a non-empty array');
  const occupationTitleWeight = typeof p.occupationTitleWeight === 'number' ? p.occupationTitleWeight : 1;
  if (!(occupationTitleWeight >= 0 && occupationTitleWeight <= 1)) throw new Error('match weights: occupationTitleWeight must be in [0,1]');
  const skillSpecificity = p.skillSpecificity === 'occupation-idf' ? 'occupation-idf' : 'none';
  const occupationRelatedCredit = typeof p.occupationRelatedCredit === 'number' ? p.occupationRelatedCredit : 0;
  const occupationTitleCredit = typeof p.occupationTitleCredit === 'number' ? p.occupationTitleCredit : 0;
  if (!(occupationTitleCredit >= 0 && occupationTitleCredit <= 1)) throw new Error('match weights: occupationTitleCredit must be in [0,1]');
  if (!(occupationRelatedCredit >= 0 && occupationRelatedCredit <= 1)) throw new Error('match weights: occupationRelatedCredit must be in [0,1]');
  if (p.placeGateAt !== undefined && !(typeof p.placeGateAt === 'number' && p.placeGateAt > 0 && p.placeGateAt <= 1)) throw new Error('match weights: placeGateAt must be in (0,1]');
  if (p.employerPlaceGateAt !== undefined && !(typeof p.employerPlaceGateAt === 'number' && p.employerPlaceGateAt > 0 && p.employerPlaceGateAt <= 1)) throw new Error('match weights: employerPlaceGateAt must be in (0,1]');
  if (p.readingOverlapCredit !== undefined && !(typeof p.readingOverlapCredit === 'number' && p.readingOverlapCredit >= 0 && p.readingOverlapCredit <= 1)) throw new Error('match weights: readingOverlapCredit must be in [0,1]');
  if (!(p.semanticFloor < 1)) throw new Error('match weights: semanticFloor must be < 1');
  if (p.semanticFloors !== undefined) {
    const f = p.semanticFloors;
    const ok = (x: unknown) => typeof x === 'number' && x >= -1 && x < 1;
    if (!f || !ok(f.same) || !ok(f.cross) || typeof f.pairs !== 'object' || !Object.values(f.pairs).every(ok)) throw new Error('match weights: semanticFloors needs same, cross and pairs, each a number in [-1, 1)');
    const s = f.spreads;
    const pos = (x: unknown) => typeof x === 'number' && x > 0 && x < 2;
    if (s !== undefined && (!s || !pos(s.same) || !pos(s.cross) || typeof s.pairs !== 'object' || !Object.values(s.pairs).every(pos))) throw new Error('match weights: semanticFloors.spreads needs same, cross and pairs, each a number in (0, 2)');
  }
  if (p.occupationSkillCredit !== undefined && !(typeof p.occupationSkillCredit === 'number' && p.occupationSkillCredit >= 0 && p.occupationSkillCredit <= 1)) throw new Error('match weights: occupationSkillCredit must be in [0,1]');
  if (p.lexicalHeadShare !== undefined && !(typeof p.lexicalHeadShare === 'number' && p.lexicalHeadShare >= 0 && p.lexicalHeadShare <= 1)) throw new Error('match weights: lexicalHeadShare must be in [0,1]');
  if (p.unlinkedSpecificity !== undefined && !(typeof p.unlinkedSpecificity === 'number' && p.unlinkedSpecificity > 0)) throw new Error('match weights: unlinkedSpecificity must be > 0');
  return { version: o.version, weights: { ...o.weights }, params: { ...p, occupationTitleWeight, skillSpecificity, occupationRelatedCredit, occupationTitleCredit, occupationLevelFit: [...p.occupationLevelFit] } };
}

/**
 * Every committed weights version, by id. Add a line per new version; never edit a served version. Versions before
 * mw-2026-12-01 scored another component set and are in the git history only.
 */
const WEIGHTS_BY_VERSION: Record<string, unknown> = {
  'mw-2026-12-01.1': weights20261201v1,
  'mw-2026-12-01.2': weights20261201v2,
  'mw-2026-12-01.3': weights20261201v3,
  'mw-2026-12-01.4': weights20261201v4,
  'mw-2026-12-01.5': weights20261201v5,
  'mw-2026-12-01.6': weights20261201v6,
  'mw-2026-12-01.7': weights20261201v7,
  'mw-2026-12-01.8': weights20261201v8,
  'mw-2026-12-01.10': weights20261201v10,
  'mw-2026-12-01.11': weights20261201v11,
  'mw-2026-12-01.12': weights20261201v12,
};

/** The committed weights of a version (default: the served one). Static JSON import, so no I/O at call time. */
export function loadMatchWeights(version: string = MATCH_WEIGHTS_VERSION): MatchWeights {
  const raw = WEIGHTS_BY_VERSION[version];
  if (!raw) throw new Error(`match weights: unknown version "${version}"`);
  const parsed = parseMatchWeights(raw);
  if (parsed.version !== version) throw new Error(`match weights: file ${version}.json declares ${parsed.version}`);
  return parsed;
}
