// The agenda's positions stay 1..n whoever changes it at the same moment: every change that numbers
// items is one transaction under the werkgroep's lock, which holds across connections on PostgreSQL.
import { afterAll, describe, expect, it } from 'vitest';
import { AgendaStore, type Actor } from '../../../bot/agenda/agenda-store';
import { SYSTEM_ACTOR } from '../../../bot/agenda/agenda-service';
import { TestClock } from '../../helpers/clock';
import { TEST_DATABASE_URL, twoConnectionBackends } from '../../helpers/databases';

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const ALICE: Actor = { id: 'aad-alice', name: 'Alice de Vries' };
const WERKGROEP = '19:werkgroep@thread.tacv2';
const clock = new TestClock(new Date('2026-11-23T10:00:00+01:00'));

/** Two instances' connections to one database (see twoConnectionBackends). */
const backends = twoConnectionBackends({ tables: ['agenda_items', 'agenda_audit'], schemaPrefix: 'mwag', cleanups });

const item = (topic: string, toelichting: string | null = null) => ({ topic, durationMin: null, toelichting, status: 'gepland' as const });

async function positions(store: AgendaStore, meetingDate: string): Promise<Array<[string, number]>> {
  return (await store.items(WERKGROEP, meetingDate)).map((i) => [i.topic, i.position]);
}

describe.each(backends)('the agenda store on %s', (_name, open) => {
  it('numbers an agenda 1..n through additions, a removal, a reorder and a carry-over', async () => {
    const [sql] = await open();
    const store = new AgendaStore(sql, clock);
    const ids = [];
    for (const topic of ['A', 'B', 'C']) ids.push(await store.addItem(WERKGROEP, '2026-12-02', item(topic), ALICE, `toegevoegd: "${topic}"`));
    expect(await store.removeItem(ids[1]!, WERKGROEP, ALICE, 'verwijderd: "B"')).toBe(true);
    expect(await store.removeItem(ids[1]!, WERKGROEP, ALICE, 'verwijderd: "B"')).toBe(false); // already off the agenda
    await store.addItem(WERKGROEP, '2026-12-02', item('D'), ALICE, 'toegevoegd: "D"');
    expect(await positions(store, '2026-12-02')).toEqual([['A', 1], ['C', 2], ['D', 3]]);

    // A reorder from a list read before D was added keeps D, after the named items.
    await store.reorder(WERKGROEP, [ids[2]!, ids[0]!], ALICE, 'verplaatst: "C" van 2 naar 1');
    expect(await positions(store, '2026-12-02')).toEqual([['C', 1], ['A', 2], ['D', 3]]);

    // Carry-over from a meeting whose day is over: once, after the agenda's own items, by Meldwijzer.
    await store.addItem(WERKGROEP, '2026-11-25', item('Oud'), ALICE, 'toegevoegd: "Oud"');
    await store.addItem(WERKGROEP, '2026-11-26', item('Vandaag'), ALICE, 'toegevoegd: "Vandaag"');
    expect(await store.carryOver(WERKGROEP, '2026-12-02', SYSTEM_ACTOR, '2026-11-26')).toBe(1);
    expect(await store.carryOver(WERKGROEP, '2026-12-02', SYSTEM_ACTOR, '2026-11-26')).toBe(0);
    expect(await positions(store, '2026-12-02')).toEqual([['C', 1], ['A', 2], ['D', 3], ['Oud', 4]]);
    expect(await positions(store, '2026-11-26')).toEqual([['Vandaag', 1]]); // its day is not over
    expect((await store.history(WERKGROEP, 1))[0]).toMatchObject({ actorName: 'Meldwijzer', action: '"Oud" niet behandeld op 25 november 2026; doorgeschoven naar 2 december 2026' });
  });

  it('stores topic and toelichting without personal data, also in the audit trail', async () => {
    const [sql] = await open();
    const store = new AgendaStore(sql, clock);
    const id = await store.addItem(WERKGROEP, '2026-12-09', item('Casus Dorpsstraat 12', 'geboren 01-02-1980, BSN 111222333'), ALICE, 'toegevoegd: "Casus Dorpsstraat 12" (overleg 9 december)');
    expect(await store.item(id)).toMatchObject({ topic: 'Casus [adres]', toelichting: 'geboren [geboortedatum], BSN [BSN]' });
    expect((await store.history(WERKGROEP, 1))[0]!.action).toBe('toegevoegd: "Casus [adres]" (overleg 9 december)');
  });
});

describe.runIf(TEST_DATABASE_URL)('the agenda with two connections to one PostgreSQL', () => {
  // A fresh schema per test, so each agenda starts empty.
  const postgres = () => backends.find(([name]) => name === 'PostgreSQL')![1]();

  it('gives items added at the same moment the positions 1..n, each once', async () => {
    const [a, b] = await postgres();
    const stores = [new AgendaStore(a, clock), new AgendaStore(b, clock)];
    await Promise.all(Array.from({ length: 24 }, (_, i) => stores[i % 2]!.addItem(WERKGROEP, '2026-12-02', item(`Punt ${i}`), ALICE, `toegevoegd: "Punt ${i}"`)));
    const numbers = (await stores[0]!.items(WERKGROEP, '2026-12-02')).map((i) => i.position);
    expect(numbers).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
  });

  it('keeps 1..n when items are removed and added at the same moment, and removes an item once', async () => {
    const [a, b] = await postgres();
    const [first, second] = [new AgendaStore(a, clock), new AgendaStore(b, clock)];
    const ids: number[] = [];
    for (let i = 0; i < 8; i++) ids.push(await first.addItem(WERKGROEP, '2026-12-16', item(`Vast ${i}`), ALICE, 'toegevoegd'));
    const removed = await Promise.all([
      first.removeItem(ids[1]!, WERKGROEP, ALICE, 'verwijderd: "Vast 1"'),
      second.removeItem(ids[1]!, WERKGROEP, ALICE, 'verwijderd: "Vast 1"'),
      second.removeItem(ids[4]!, WERKGROEP, ALICE, 'verwijderd: "Vast 4"'),
      first.setStatus(ids[6]!, WERKGROEP, 'verwijderd', ALICE, 'verwijderd: "Vast 6"').then(() => true),
      ...Array.from({ length: 6 }, (_, i) => [first, second][i % 2]!.addItem(WERKGROEP, '2026-12-16', item(`Nieuw ${i}`), ALICE, 'toegevoegd').then(() => null)),
    ]);
    expect(removed.slice(0, 2).sort()).toEqual([false, true]); // the same item, removed twice at once: once
    const agenda = await first.items(WERKGROEP, '2026-12-16');
    expect(agenda).toHaveLength(8 - 3 + 6);
    expect(agenda.map((i) => i.position)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
    expect(agenda.filter((i) => i.topic.startsWith('Vast')).map((i) => i.topic)).toEqual(['Vast 0', 'Vast 2', 'Vast 3', 'Vast 5', 'Vast 7']);
    const audit = await a.query<{ action: string }>(`select action from agenda_audit where conversation_id = $1 and action = 'verwijderd: "Vast 1"'`, [WERKGROEP]);
    expect(audit).toHaveLength(1);
  });

  it('carries an item over once when two instances do it at the same moment', async () => {
    const [a, b] = await postgres();
    const [first, second] = [new AgendaStore(a, clock), new AgendaStore(b, clock)];
    for (const topic of ['X', 'Y', 'Z']) await first.addItem(WERKGROEP, '2026-11-11', item(topic), ALICE, 'toegevoegd');
    await first.addItem(WERKGROEP, '2026-11-18', item('Eigen punt'), ALICE, 'toegevoegd');
    const moved = await Promise.all([first.carryOver(WERKGROEP, '2026-11-18', SYSTEM_ACTOR, '2026-11-12'), second.carryOver(WERKGROEP, '2026-11-18', SYSTEM_ACTOR, '2026-11-12')]);
    expect(moved.sort()).toEqual([0, 3]);
    expect(await positions(first, '2026-11-18')).toEqual([['Eigen punt', 1], ['X', 2], ['Y', 3], ['Z', 4]]);
    const lines = await a.query(`select 1 from agenda_audit where conversation_id = $1 and action like '%doorgeschoven naar 18 november 2026'`, [WERKGROEP]);
    expect(lines).toHaveLength(3);
  });
});
