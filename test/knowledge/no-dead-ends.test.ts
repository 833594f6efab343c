// No dead ends: for every item and every gemeente — also one that has filled in nothing, and none or an
// unknown one — the card offers at least one contact to call or open. Where the gemeente's own meldpunt
// is empty, the answer says so plainly and the item's own contacts are the named fallback.
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_KNOWLEDGE_DIR, KnowledgeBase, createKnowledgeBase, loadKnowledgeFiles } from '../../knowledge/index';
import { gemeenteSchema, type Gemeente } from '../../knowledge/schema';
import { copyOfRealKnowledge, writeKnowledgeFile } from '../helpers/knowledge-fixture';

let kb: KnowledgeBase;
let template: Gemeente;

beforeAll(async () => {
  const files = await loadKnowledgeFiles();
  // The template a new gemeente copies: every meldpunt null, as for a gemeente that filled in nothing.
  template = gemeenteSchema.parse(parse(await readFile(path.join(DEFAULT_KNOWLEDGE_DIR, 'gemeenten/_sjabloon.yaml'), 'utf8')));
  template = { ...template, naam: 'Leegdorp' };
  kb = new KnowledgeBase({ ...files, gemeenten: [...files.gemeenten, template] });
});

const reachable = (c: { phone?: string; url?: string }) => Boolean(c.phone || c.url);

describe('no dead ends', () => {
  it('loads and validates all 32 items', () => {
    expect(kb.items).toHaveLength(32);
  });

  it('includes a gemeente that has filled in nothing', () => {
    expect(kb.gemeenten.map((g) => g.naam)).toEqual(['Baarn', 'Bunschoten', 'De Bilt', 'Eemnes', 'Leegdorp']);
    expect(Object.values(template.meldpunten).every((m) => m === null)).toBe(true);
    expect(Object.keys(template.meldpunten).sort()).toEqual([...kb.meldpuntSlots()].sort());
  });

  it('gives every item, for every gemeente, a contact with a phone number or a website', () => {
    const deadEnds: string[] = [];
    for (const item of kb.items) {
      for (const gemeente of [...kb.gemeenten.map((g) => g.naam), null, 'Atlantis']) {
        const localized = kb.localize(item, gemeente);
        if (!localized.contacts.some(reachable)) deadEnds.push(`${item.id} × ${gemeente ?? '(geen gemeente)'}`);
      }
    }
    expect(deadEnds).toEqual([]);
  });

  it('says plainly when the local meldpunt is empty, and shows named fallbacks', () => {
    const withLocal = kb.items.filter((i) => i.localMeldpunt);
    expect(withLocal.length).toBeGreaterThanOrEqual(14);
    for (const item of withLocal) {
      for (const gemeente of kb.gemeenten) {
        const localized = kb.localize(item, gemeente.naam);
        const where = `${item.id} × ${gemeente.naam}`;
        expect(localized.localContact, where).toBeNull();
        expect(localized.localNotice, where).toContain(`Gemeente ${gemeente.naam} heeft`);
        expect(localized.localNotice, where).toContain('nog niet ingevuld');
        expect(localized.contacts.length, where).toBeGreaterThan(0);
        for (const contact of localized.contacts) {
          expect(contact.name.length, where).toBeGreaterThan(2);
          expect(reachable(contact), `${where}: ${contact.name}`).toBe(true);
        }
      }
    }
  });

  describe('when a gemeente has filled in its meldpunt', () => {
    let dir: string;
    let filled: KnowledgeBase;
    beforeAll(async () => {
      dir = await copyOfRealKnowledge();
      const slots = kb.meldpuntSlots().map((slot) => `  ${slot}:\n    name: Loket ${slot} Voldorp\n    url: https://voldorp.example/${slot}`);
      await writeKnowledgeFile(dir, 'gemeenten/voldorp.yaml', `naam: Voldorp\nmeldpunten:\n${slots.join('\n')}\n`);
      filled = await createKnowledgeBase(dir);
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('shows the local contact first and keeps the fallback below it', () => {
      for (const item of filled.items.filter((i) => i.localMeldpunt)) {
        const localized = filled.localize(item, 'Voldorp');
        expect(localized.localNotice, item.id).toBeNull();
        expect(localized.contacts[0]!.name, item.id).toBe(`Loket ${item.localMeldpunt} Voldorp`);
        expect(localized.contacts.slice(1).some(reachable), item.id).toBe(true);
      }
    });
  });
});
