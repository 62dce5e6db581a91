import { beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy, type Taxonomy } from '../src/taxonomy/index.js';

let tax: Taxonomy;
beforeAll(() => {
  tax = loadTaxonomy();
});

const top = async (title: string) => (await tax.normalizeTitle(title, { limit: 5 }))[0];

/** Each title's top occupation is in the given ISCO unit group, read from the German list. */
async function expectGroups(cases: readonly [string, string][]): Promise<void> {
  for (const [title, group] of cases) {
    const r = await top(title);
    expect(r?.iscoGroup, title).toBe(group);
    expect(r?.evidence.via, title).toBe(`german-title:${group}`);
  }
}

describe('German job titles are read as the ESCO occupations of the unit group they name', () => {
  it('reads common German titles, plain, gendered, bracketed and compound, in the right ISCO unit group', async () => {
    const cases: [string, string][] = [
      ['Pflegefachkraft (m/w/d) Intensivstation', '2221'],
      ['Krankenpfleger/in für Chirurgie', '2221'],
      ['Koch (m/w/d) für Hotelrestaurant', '5120'],
      ['Berufskraftfahrer CE Fernverkehr', '8332'],
      ['Metallschweißer', '7212'],
      ['Maurer', '7112'],
      ['Altenpflegehelferin ambulant', '5321'],
    ];
    await expectGroups(cases);
  });

  it('reads German word formation: feminine forms and role words written into a compound (Geselle, Meister, Helfer, Mitarbeiter)', async () => {
    const cases: [string, string][] = [
      ['Fliesenlegergeselle', '7122'],
      ['Zimmerergesellin', '7115'],
      ['Elektrikermeisterin (m/w/d)', '7411'],
      ['Dachdeckermeister', '7121'],
      ['Gartenbauhelferin Saison', '9214'],
      ['Produktionsmitarbeiterin', '9329'],
      ['Lagermitarbeiter (m/w/d) Wareneingang', '9333'],
      ['Anlagenmechanikerin SHK', '7126'],
    ];
    await expectGroups(cases);
    // A short stem is no title of its own: "Bauhelfer" stays the construction labourer, not whatever "bau" would read.
    expect((await top('Bauhelfer'))?.iscoGroup).toBe('9313');
  });

  it("within the group, the occupation the group's own name reads as comes first", async () => {
    expect((await top('Schweißer'))?.label).toBe('welder');
    expect((await top('Koch'))?.label).toBe('cook');
  });

  it('leaves titles in the languages we hold labels for alone when their readers are sure', async () => {
    const welder = await top('welder');
    expect(welder?.label).toBe('welder');
    expect(welder?.evidence.via).toBeUndefined();
    expect((await top('soudeur'))?.evidence.via).toBeUndefined();
  });

  it('keeps the probabilities a distribution: the other readers share what the German reading leaves', async () => {
    const rs = await tax.normalizeTitle('LKW-Fahrer', { limit: 50 });
    const total = rs.reduce((s, r) => s + r.score, 0);
    expect(total).toBeLessThanOrEqual(1.0001);
    expect(rs.filter((r) => r.iscoGroup === '8332').reduce((s, r) => s + r.score, 0)).toBeGreaterThanOrEqual(0.79);
    expect(new Set(rs.map((r) => r.id)).size).toBe(rs.length);
  });
});
