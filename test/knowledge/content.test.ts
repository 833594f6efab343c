// The real content: the 32 items are there, acute routes open with their number, and nothing a frontline
// worker reads names our working files, talks about how the content was written, or presents another
// region's arrangements as ours. (Numbers, articles and dates: see bronnen.test.ts.)
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeFiles, type KnowledgeItem } from '../../knowledge/index';
import type { KnowledgeFiles } from '../../knowledge/load-content';

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
  // Second edition (issue 8).
  'meldroutes/vermissing',
  'meldroutes/stalking',
  'meldroutes/eergerelateerd-geweld',
  'meldroutes/ouderenmishandeling',
  'meldroutes/zorgwekkend-gedrag',
  'meldroutes/dakloosheid',
  'meldroutes/drugs-in-woning',
  'meldroutes/politie-geen-spoed',
];

let files: KnowledgeFiles;
const item = (id: string): KnowledgeItem => files.items.find((i) => i.id === id)!;

beforeAll(async () => {
  files = await loadKnowledgeFiles();
});

/** Everything a user can read of an item, for every gemeente. */
function shownText(i: KnowledgeItem): string {
  const contactText = (c: KnowledgeItem['contacts'][number]) => [c.name, c.hours, c.note].filter(Boolean).join(' ');
  return [
    i.title,
    i.summary,
    i.body,
    ...i.steps,
    ...i.contacts.map(contactText),
    ...i.source.flatMap((s) => [s.publisher, s.title ?? '']),
    ...Object.values(i.overrides).flatMap((o) => [o.summary ?? '', ...(o.steps ?? []), ...(o.contacts ?? []).map(contactText)]),
  ].join('\n');
}

/** What every gemeente sees (without the per-gemeente overrides). */
function baseText(i: KnowledgeItem): string {
  return [i.title, i.summary, i.body, ...i.steps, ...i.contacts.map((c) => `${c.name} ${c.note ?? ''}`)].join('\n');
}

describe('the knowledge content', () => {
  it('has exactly the 32 required items', () => {
    expect(files.items.map((i) => i.id).sort()).toEqual([...REQUIRED_IDS].sort());
  });

  it('gives every new item at least eight staff questions and several keywords', () => {
    for (const id of REQUIRED_IDS.slice(24)) {
      expect(item(id).questions.length, id).toBeGreaterThanOrEqual(8);
      expect(item(id).keywords.length, id).toBeGreaterThanOrEqual(6);
    }
  });

  it('marks only the acute routes urgent, each opening with its number', () => {
    const urgent = files.items.filter((i) => i.urgent).map((i) => i.id);
    expect(urgent.sort()).toEqual(['meldroutes/acuut-gevaar', 'meldroutes/suicide', 'meldroutes/vermissing']);
    expect(item('meldroutes/acuut-gevaar').contacts[0]!.phone).toBe('112');
    expect(item('meldroutes/suicide').contacts[0]!.phone).toBe('113');
    expect(item('meldroutes/vermissing').contacts[0]!.phone).toBe('112');
    expect(item('meldroutes/vermissing').steps[0]).toMatch(/^Bel direct 112/);
  });

  it('puts "bel 112" first on the balie and phone protocols and in the meldcode', () => {
    for (const id of ['agressieprotocol/balie', 'agressieprotocol/telefoon-en-online', 'handelingskaders/meldcode']) {
      expect(item(id).contacts[0]!.phone, id).toBe('112');
      expect(item(id).steps[0], id).toMatch(/wapen.*112|112.*wapen/);
      expect(item(id).summary, id).toMatch(/^[^0-9]*112/);
    }
  });

  it('answers "mag ik zonder toestemming melden bij Veilig Thuis" with yes, citing the meldrecht', () => {
    const sharing = item('handelingskaders/gegevens-delen');
    expect(sharing.summary).toMatch(/^Mag je zonder toestemming melden bij Veilig Thuis\? Ja/);
    expect(sharing.summary).toContain('artikel 5.2.6 Wmo 2015');
    expect(item('meldroutes/huiselijk-geweld').body).toContain('## Zonder toestemming?\n\nJa.');
  });

  it('uses lokaalvredebreuk (art. 139 Sr) for a toegangsverbod, never art. 138', () => {
    expect(item('agressieprotocol/na-een-incident').body).toContain('lokaalvredebreuk (artikel 139 Wetboek van Strafrecht)');
    for (const i of files.items) expect(shownText(i), i.id).not.toMatch(/\bart(?:\.|ikel)\s*138\b/i);
  });

  it('says 0800-1205 is reachable in office hours only, and names 112 or the ggz-crisisdienst for a crisis', () => {
    const withMeldpunt = files.items.filter((i) => i.contacts.some((c) => c.phone === '0800-1205'));
    expect(withMeldpunt.length).toBeGreaterThan(5);
    for (const i of withMeldpunt) {
      const contact = i.contacts.find((c) => c.phone === '0800-1205')!;
      expect(contact.hours, i.id).toMatch(/alleen op kantooruren/);
      expect(contact.note, i.id).toMatch(/In een crisis bel je 112 of de ggz-crisisdienst/);
    }
    expect(item('meldroutes/verward-gedrag').summary).toMatch(/ggz-crisisdienst/);
    expect(item('meldroutes/zorgwekkend-gedrag').summary).toMatch(/ggz-crisisdienst/);
  });

  it('asks to call the Centrum Seksueel Geweld as soon as possible, with 7 days as the outer window', () => {
    const csg = item('meldroutes/seksueel-geweld');
    expect(csg.summary).toContain('zo snel mogelijk');
    expect(shownText(csg)).not.toMatch(/het liefst binnen 7 dagen/i);
    expect(csg.steps.join(' ')).toContain('uiterlijk 7 dagen');
  });

  it('limits the WGS to ZVH, RIEC, FEC and iCOV and says a local overleg is not covered', () => {
    const body = item('handelingskaders/gegevens-delen').body;
    expect(body).toMatch(/alleen voor vier aangewezen samenwerkingsverbanden: Zorg- en Veiligheidshuizen, RIEC's, het FEC en iCOV/);
    expect(body).toMatch(/lokaal overleg.*valt er niet onder/);
  });

  it('states the Wgs terms plainly', () => {
    const debt = item('huurachterstanden/schuldhulpverlening');
    expect(debt.body).toMatch(/Wet gemeentelijke schuldhulpverlening \(Wgs\) legt de termijnen vast: een eerste gesprek binnen 4 weken/);
    expect(shownText(debt)).not.toMatch(/controleer lokaal/);
  });

  it('never names our working files or talks about how the content was written', () => {
    for (const i of files.items) {
      expect(shownText(i), i.id).not.toMatch(/FACTS\.md|seeds\/|\.txt\b|Meldwijzer citeert|nagekeken|niet geverifieerd|in de bronnen gaat over|het rapport in de bronnen/i);
    }
  });

  it("presents another region's arrangements only where they apply", () => {
    for (const i of files.items) {
      // Seed 004 is Meierijstad's; seed 003 is West Veluwe Vallei's; seed 002 is Gooi en Vechtstreek's (only Eemnes).
      expect(shownText(i), i.id).not.toMatch(/Meierijstad|Brabant/);
      expect(baseText(i), i.id).not.toMatch(/Gooi en Vechtstreek|Hilversum|West Veluwe|\bEde\b/);
      for (const [gemeente, override] of Object.entries(i.overrides)) {
        if (gemeente !== 'Eemnes') expect(JSON.stringify(override), `${i.id} ${gemeente}`).not.toMatch(/Gooi en Vechtstreek|Hilversum/);
      }
    }
  });

  it('cites at least one public address per item, and a seed only by its title and publisher', () => {
    for (const i of files.items) {
      expect(i.source.some((s) => s.url), i.id).toBe(true);
      for (const s of i.source.filter((s) => s.seed)) expect(s.title, i.id).toMatch(/\S/);
    }
  });

  it('has an owner per topic (a role with a channel), and a review within 12 months', () => {
    const roles = new Set(files.items.map((i) => i.owner.role));
    expect(roles.size).toBeGreaterThanOrEqual(5);
    for (const i of files.items) {
      expect(i.owner.role, i.id).not.toMatch(/werkgroep/i);
      expect(i.owner.channel, i.id).toMatch(/›/);
      expect(i.reviewed <= i.reviewBefore, i.id).toBe(true);
    }
  });

  it('has a meldpunten file for the four named gemeenten of the uitvoeringsplan', () => {
    expect(files.gemeenten.map((g) => g.naam)).toEqual(['Baarn', 'Bunschoten', 'De Bilt', 'Eemnes']);
  });
});
