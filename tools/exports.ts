// What the export scripts write, as pure functions: candidate phrasings per item (from "Koppel aan
// item…"), and a gemeente's YAML file with the meldpunten set in Teams written into it.
import { parseDocument } from 'yaml';
import type { KnowledgeBase } from '../knowledge/index';
import type { StoredMeldpunten } from '../knowledge/knowledge-base';
import type { Pairing } from '../bot/storage/improvement-store';

export interface PairingExport {
  titel: string;
  kandidaatVragen: string[];
}

/** Per item: the (masked) questions coordinators paired with it, each once, for an editor to review. */
export function exportPairings(pairings: Pairing[], kb: Pick<KnowledgeBase, 'item'>): Record<string, PairingExport> {
  const result: Record<string, PairingExport> = {};
  for (const p of pairings) {
    const item = kb.item(p.itemId);
    if (!item) continue;
    const entry = (result[item.id] ??= { titel: item.title, kandidaatVragen: [] });
    if (!entry.kandidaatVragen.includes(p.maskedQuestion)) entry.kandidaatVragen.push(p.maskedQuestion);
  }
  return result;
}

/** The gemeente's YAML text with the stored meldpunten written in; comments and other slots stay. */
export function gemeenteYamlWith(text: string, stored: StoredMeldpunten): string {
  const doc = parseDocument(text);
  for (const [slot, meldpunt] of Object.entries(stored)) {
    if (!meldpunt) continue;
    const value = Object.fromEntries(Object.entries(meldpunt).filter(([, v]) => v !== undefined && v !== ''));
    doc.setIn(['meldpunten', slot], doc.createNode(value));
  }
  return doc.toString({ lineWidth: 0 });
}
