/**
 * Role words as heads (t13-titles): a title ending in a role word ("HR executive", "retail officer", "Azure architect")
 * takes its domain from the words before it, so an occupation that shares only the role word is not its reading; a bare
 * role ("Driver") is the general occupation, not the specialisation that lists the bare word among its labels.
 */
import { describe, expect, it } from 'vitest';
import { useEmbeddedTaxonomy } from './taxonomy-fixture.js';
import { bareHead, roleAndDomain } from '../src/taxonomy/title-normaliser.js';
import { cleanTitle, stem } from '../src/taxonomy/text.js';

const taxonomy = useEmbeddedTaxonomy();
const top = async (t: string, n = 1) => (await taxonomy().normalizeTitle(t, { limit: n })).map((r) => r.label);

describe('the role word and the domain of an English title', () => {
  it('reads the domain before a role head, seniority and stage words left out', () => {
    expect(roleAndDomain(cleanTitle('HR Executive'))).toEqual({ head: stem('executive'), domain: ['hr'] });
    expect(roleAndDomain(cleanTitle('Senior Retail Operation Executive'))?.domain).toEqual(['retail', 'operation'].map(stem));
    expect(roleAndDomain(cleanTitle('Azure Architect'))?.domain).toEqual([stem('azure')]);
    expect(roleAndDomain(cleanTitle('Product Support Representative'))?.head).toBe(stem('representative'));
  });

  it('names no domain when the title is a role word with seniority only, ends in a trade, or is written head first', () => {
    expect(roleAndDomain(cleanTitle('Senior Executive'))).toBeUndefined();
    expect(roleAndDomain(cleanTitle('Executive'))).toBeUndefined();
    // "assistant" and "driver" name trades here, not roles: the head's own word decides
    expect(roleAndDomain(cleanTitle('Executive Assistant'))).toBeUndefined();
    expect(roleAndDomain(cleanTitle('Lorry Driver'))).toBeUndefined();
    // French and Spanish put the head first: no English role head to read
    expect(roleAndDomain(cleanTitle('Conseiller clientèle'))).toBeUndefined();
    expect(roleAndDomain(cleanTitle('Especialista en ventas'))).toBeUndefined();
  });

  it('finds a bare role, and none when the title names a trade or a domain', () => {
    expect(bareHead(cleanTitle('Driver'))).toBe('driver');
    expect(bareHead(cleanTitle('Driver wanted'))).toBe('driver');
    expect(bareHead(cleanTitle('Senior Technician'))).toBe('technician');
    expect(bareHead(cleanTitle('Hearse driver'))).toBeUndefined();
    expect(bareHead(cleanTitle('Welder'))).toBeUndefined();
    expect(bareHead(cleanTitle('Chauffeur'))).toBeUndefined();
  });
});

describe('served readings of role titles', () => {
  it('reads the domain of "X executive" rather than the executive assistant', async () => {
    expect(await top('HR Executive')).toEqual(['human resources officer']);
    expect(await top('Retail executive')).not.toEqual(['executive assistant']);
    expect(await top('Site executive')).not.toEqual(['executive assistant']);
  });

  it('keeps an occupation that holds the domain as well as the role word, and titles that are labels', async () => {
    expect(await top('executive assistant')).toEqual(['executive assistant']);
    for (const label of await top('sales representative', 3)) expect(label).toMatch(/sales/);
    expect(await top('architect')).toEqual(['architect']);
    // a role word alone after a dash still names the trade
    expect(await top('Architect - Dubai')).toEqual(['architect']);
  });

  it('does not take a role word as the core of a title whose modifier names the domain', async () => {
    const azure = await top('Azure architect', 3);
    expect(azure[0]).not.toBe('architect');
    expect(azure.some((l) => /software|ICT/.test(l))).toBe(true);
  });

  it('reads a bare "Driver" as a general driver, and a named specialisation as itself', async () => {
    expect(await top('Driver')).not.toEqual(['hearse driver']);
    expect(await top('Driver wanted')).not.toEqual(['hearse driver']);
    expect(await top('hearse driver')).toEqual(['hearse driver']);
  });

  it('leaves titles in other languages to their own reading', async () => {
    expect((await taxonomy().normalizeTitle('chauffeur poids lourd', { limit: 1 }))[0]?.iscoGroup).toBe('8332');
    expect((await taxonomy().normalizeTitle('conductor de camión', { limit: 1 }))[0]?.iscoGroup).toBe('8332');
  });
});
