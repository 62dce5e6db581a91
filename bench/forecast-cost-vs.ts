/**
 * Refit CPU of this checkout's engine against another checkout's (e.g. main's `src/` extracted to a folder inside this
 * worktree so it resolves the same node_modules), side by side in one process, alternating, on the same data:
 *   node --import tsx bench/forecast-cost-vs.ts --other .cost-main [--pairs 2] [--sample 4]
 * Reports CPU seconds per 1,000 series for each and the ratio per pair (this ÷ other).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ENGINE_DEFAULTS, runSource } from '../src/forecast/engine.js';
import { iviItems, joltsItems } from '../src/forecast/reference-panels.js';
import { readSeriesFile } from '../src/forecast/reference-data.js';

const args = process.argv.slice(2);
const arg = (name: string, dflt: string): string => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1]! : dflt);
const other = resolve(arg('--other', '.cost-main'));
const pairs = Number(arg('--pairs', '2'));
const every = Number(arg('--sample', '1'));

async function main(): Promise<void> {
  const o = (await import(pathToFileURL(`${other}/src/forecast/engine.ts`).href)) as typeof import('../src/forecast/engine.js');
  const iviAll = readSeriesFile('ivi').series;
  const codes = [...new Set(iviAll.map((s) => s.code))].filter((c, i) => c === '0000' || i % every === 0);
  const sources = { IVI: iviItems(iviAll.filter((s) => codes.includes(s.code))), JOLTS: joltsItems(readSeriesFile('jolts').series) };
  for (const [name, items] of Object.entries(sources)) {
    const cpu = (f: () => unknown): number => {
      const c0 = process.cpuUsage();
      f();
      const c = process.cpuUsage(c0);
      return (c.user + c.system) / 1e6;
    };
    const mine: number[] = [];
    const theirs: number[] = [];
    for (let k = 0; k < pairs; k++) {
      // Alternate which goes first, so a drift in the machine's load does not favour one side.
      if (k % 2 === 0) {
        mine.push(cpu(() => runSource(items, ENGINE_DEFAULTS)));
        theirs.push(cpu(() => o.runSource(items, o.ENGINE_DEFAULTS)));
      } else {
        theirs.push(cpu(() => o.runSource(items, o.ENGINE_DEFAULTS)));
        mine.push(cpu(() => runSource(items, ENGINE_DEFAULTS)));
      }
      const per = (s: number): string => ((s / items.length) * 1000).toFixed(1);
      console.log(`${name} (${items.length} series) pair ${k + 1}: this ${per(mine[k]!)} s vs other ${per(theirs[k]!)} s CPU per 1,000 series, ×${(mine[k]! / theirs[k]!).toFixed(2)}`);
    }
  }
}

void main();
