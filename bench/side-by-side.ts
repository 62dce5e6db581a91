import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * The parent side of the CPU benches that compare this checkout with an older one (`-- --old <checkout>`): each round
 * runs the old checkout's copy of the same script, then this one's, as `--child` processes, and the median ratio is
 * printed. The child side stays in each script, since the old checkout runs its own.
 */
export function compareWithOld(o: {
  /** The bench file, relative to a checkout, e.g. `bench/write-cpu.ts`. */
  script: string;
  /** This checkout's root. */
  here: string;
  /** Arguments after `--child`. */
  childArgs?: string[];
  /** The number the child prints in its last JSON line. */
  field: string;
  /** The npm script name, for the usage message. */
  name: string;
  /** What one unit is, in the round lines ("CPU per write"). */
  roundLabel: string;
  /** The summary line before the ratio ("CPU per profile write (…)"). */
  summary: string;
  /** Appended inside the summary's parentheses, e.g. "; goal < ×2". */
  goal?: string;
  digits?: number;
  childStderr?: 'inherit' | 'ignore';
}): void {
  const i = process.argv.indexOf('--old');
  if (i < 0) throw new Error(`usage: ${o.name} -- --old <checkout to compare with>`);
  const oldDir = resolve(process.argv[i + 1]!);
  const digits = o.digits ?? 2;
  const runIn = (dir: string): number => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', resolve(dir, o.script), '--child', ...(o.childArgs ?? [])], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', o.childStderr ?? 'ignore'],
    });
    return (JSON.parse(out.trim().split('\n').pop()!) as Record<string, number>)[o.field]!;
  };
  const rows: { old: number; now: number; ratio: number }[] = [];
  for (let r = 0; r < 3; r++) {
    const old = runIn(oldDir);
    const now = runIn(o.here);
    rows.push({ old, now, ratio: now / old });
    console.error(`round ${r + 1}: old ${old.toFixed(digits)} ms, now ${now.toFixed(digits)} ms ${o.roundLabel} (×${(now / old).toFixed(2)})`);
  }
  const med = [...rows].sort((a, b) => a.ratio - b.ratio)[1]!;
  console.log(`${o.summary}: median ratio now/old ×${med.ratio.toFixed(2)} (old ${med.old.toFixed(digits)} ms, now ${med.now.toFixed(digits)} ms in that round${o.goal ?? ''})`);
}
