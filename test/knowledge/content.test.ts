// The real content: every required item is there, and every phone number in it is a verified one.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_KNOWLEDGE_DIR, loadKnowledgeFiles, type KnowledgeItem } from '../../knowledge/index';
import type { KnowledgeFiles } from '../../knowledge/load-content';
import { SHARED_DIR } from '../helpers/paths';

const REQUIRED_IDS = [
  'meldroutes/acuut-gevaar',
  'meldroutes/huiselijk-geweld',
  'handelingskaders/meldcode',
  'meldroutes/verward-gedrag',
  'meldroutes/wvggz-verkennend-onderzoek',
  'meldroutes/suicide',
  'meldroutes/mensenhandel',
  'meldroutes/seksueel-geweld',
  'meldroutes/radicalisering',
  'meldroutes/criminaliteit-anoniem',
  'meldroutes/zorg-en-veiligheidshuis',
  'meldroutes/jeugdoverlast',
  'meldroutes/woonoverlast',
  'meldroutes/nazorg-ex-gedetineerden',
  'agressieprotocol/balie',
  'agressieprotocol/telefoon-en-online',
  'agressieprotocol/na-een-incident',
  'huurachterstanden/vroegsignalering',
  'huurachterstanden/dreigende-huisuitzetting',
  'huurachterstanden/schuldhulpverlening',
  'handelingskaders/zorgmelding',
  'handelingskaders/ave-opschalen',
  'handelingskaders/pga',
  'handelingskaders/gegevens-delen',
];

// Anything that looks like a Dutch phone number: 112/113, 0800/0900 numbers, 0xx numbers, +31 numbers.
const PHONE_PATTERN = /(?<![\d-])(?:\+31[\d ()-]{8,16}\d|0[1-9][\d -]{6,13}\d|11[23])(?![\d])/g;
const digitsOf = (phone: string) => phone.replace(/\D/g, '').replace(/^31/, '0');

let files: KnowledgeFiles;
let verifiedDigits: string;

beforeAll(async () => {
  files = await loadKnowledgeFiles();
  const seedDir = path.join(SHARED_DIR, 'seeds');
  const sources = [await readFile(path.join(SHARED_DIR, 'FACTS.md'), 'utf8')];
  for (const seed of await readdir(seedDir)) sources.push(await readFile(path.join(seedDir, seed), 'utf8'));
  // All digit runs of the trusted texts, with spaces and dashes inside numbers removed.
  verifiedDigits = sources.map((text) => text.replace(/(\d)[ \-()]+(?=\d)/g, '$1')).join('\n');
});

async function allContentText(): Promise<Array<{ file: string; text: string }>> {
  const result: Array<{ file: string; text: string }> = [];
  for (const folder of ['content', 'gemeenten']) {
    const entries = await readdir(path.join(DEFAULT_KNOWLEDGE_DIR, folder), { recursive: true, withFileTypes: true });
    for (const entry of entries.filter((e) => e.isFile())) {
      const file = path.join(entry.parentPath, entry.name);
      result.push({ file: path.relative(DEFAULT_KNOWLEDGE_DIR, file), text: await readFile(file, 'utf8') });
    }
  }
  return result;
}

describe('the knowledge content', () => {
  it('has every required item, with exactly the required ids', () => {
    const ids = files.items.map((i) => i.id);
    for (const id of REQUIRED_IDS) expect(ids, id).toContain(id);
  });

  it('holds only phone numbers that FACTS.md or a seed states, or a gemeente number with its bron', async () => {
    const unverified: string[] = [];
    let checked = 0;
    // A gemeente's own number (set in Teams, exported with npm run export:gemeenten) is checked by the
    // beheerder against its bron; the schema refuses a gemeente number without one.
    const gemeenteNumbers = new Set(
      files.gemeenten.flatMap((g) => Object.values(g.meldpunten).filter((m) => m?.phone && m.bron).map((m) => digitsOf(m!.phone!))),
    );
    for (const { file, text } of await allContentText()) {
      for (const match of text.matchAll(PHONE_PATTERN)) {
        checked++;
        const digits = digitsOf(match[0]);
        if (file.startsWith('gemeenten') && gemeenteNumbers.has(digits)) continue;
        const found = new RegExp(`(?<!\\d)(?:${digits}|\\+?31${digits.slice(1)})(?!\\d)`).test(verifiedDigits);
        if (!found) unverified.push(`${file}: ${match[0]}`);
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(unverified).toEqual([]);
  });

  it('names a source that exists: a seed file or FACTS.md', async () => {
    const seeds = await readdir(path.join(SHARED_DIR, 'seeds'));
    for (const item of files.items) {
      for (const source of item.source) {
        const ok = source.document === 'FACTS.md' || seeds.some((seed) => source.document === `seeds/${seed}`);
        expect(ok, `${item.id}: ${source.document}`).toBe(true);
      }
    }
  });

  it('marks only the acute routes urgent and gives each of them a phone number', () => {
    const urgent = files.items.filter((i: KnowledgeItem) => i.urgent).map((i) => i.id);
    expect(urgent.sort()).toEqual(['meldroutes/acuut-gevaar', 'meldroutes/suicide']);
    expect(files.items.find((i) => i.id === 'meldroutes/acuut-gevaar')!.contacts[0]!.phone).toBe('112');
    expect(files.items.find((i) => i.id === 'meldroutes/suicide')!.contacts[0]!.phone).toBe('113');
  });

  it('has a meldpunten file for the four named gemeenten of the uitvoeringsplan', () => {
    expect(files.gemeenten.map((g) => g.naam)).toEqual(['Baarn', 'Bunschoten', 'De Bilt', 'Eemnes']);
  });
});
