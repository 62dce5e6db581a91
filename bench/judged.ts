/**
 * What the hand-judged reading benches (bench:understand, bench:understand-isco, bench:understand-trades) share: the
 * taxonomy with the script embedder, gold labels (ESCO English preferred labels, as the judges wrote them) resolved to
 * URIs, failing loudly on a label ESCO does not have, and the table + results written under bench/out/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createScriptEmbedder } from '../src/embedding/index.js';
import { loadTaxonomy } from '../src/taxonomy/index.js';
import { foldText } from '../src/taxonomy/text.js';

export const fmt = (x: number) => x.toFixed(3);

/** The served taxonomy reading with a one-worker embedder; close the embedder when done. */
export async function openJudgedTaxonomy() {
  const embedder = await createScriptEmbedder(1);
  return { embedder, tax: loadTaxonomy().withEmbedder(embedder) };
}

type Tax = Awaited<ReturnType<typeof openJudgedTaxonomy>>['tax'];

/** Gold label → URI by the English preferred label (case and accents folded); an unknown label throws. */
export function goldResolvers(tax: Tax) {
  const occ = new Map(tax.occupations.map((o) => [foldText(o.labels.en!.pref), o.uri]));
  const skill = new Map(tax.skills.map((s) => [foldText(s.labels.en!.pref), s.uri]));
  return {
    occupation(label: string): string {
      const u = occ.get(foldText(label));
      if (!u) throw new Error(`gold occupation not in ESCO: ${label}`);
      return u;
    },
    skill(label: string): string {
      const u = skill.get(foldText(label));
      if (!u) throw new Error(`gold skill not an ESCO preferred label: ${label}`);
      return u;
    },
  };
}

/** bench/out/<stem>-results.json and <stem>-table.md, and the table on stdout. */
export function writeBenchOutputs(stem: string, lines: string[], results: Record<string, unknown>): void {
  const outDir = resolve('bench/out');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, `${stem}-results.json`), JSON.stringify(results, null, 2));
  writeFileSync(join(outDir, `${stem}-table.md`), lines.join('\n') + '\n');
  console.log(lines.join('\n'));
}
