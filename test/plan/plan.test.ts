// The plan file: read, reconstructed, validated; quarters in Amsterdam time.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentError } from '../../knowledge/content-error';
import { loadPlan } from '../../plan/load-plan';
import { PLANNING_DIR } from '../helpers/paths';
import { OPEN } from '../../plan/plan';
import { parseQuarter, quarterOf } from '../../plan/quarter';

const FILE = 'uitvoeringsplan-2024-2025.yaml';

async function withPlanText(change: (text: string) => string): Promise<unknown> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'meldwijzer-plan-'));
  try {
    const text = await readFile(path.join(PLANNING_DIR, FILE), 'utf8');
    await writeFile(path.join(dir, FILE), change(text));
    return await loadPlan(dir).catch((e: unknown) => e);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('the uitvoeringsplan file', () => {
  it('holds the four doelstellingen with actions 1a–4d', async () => {
    const plan = await loadPlan(PLANNING_DIR);
    expect(plan.doelstellingen.map((d) => d.number)).toEqual([1, 2, 3, 4]);
    expect(plan.doelstellingen.flatMap((d) => d.actions.map((a) => a.code))).toEqual(['1a', '1b', '1c', '2a', '2b', '2c', '3a', '3b', '3c', '3d', '4a', '4b', '4c', '4d']);
  });

  it("has Baarn's first milestone of every quarter as the seed's first line lists them", async () => {
    const plan = await loadPlan(PLANNING_DIR);
    const firsts = plan.quarters().map((q) => plan.mijlpalenFor('Baarn', q)[0]?.title);
    expect(firsts).toEqual([
      'Werkafspraken ketensamenwerking',
      'Handelingsperspectief professionals',
      'Informatieavond professionals',
      'Personen verward gedrag agenderen',
      'In beeld brengen overige ketenpartners',
      'Gezamenlijke werkwijze huurachterstanden',
      'Informatieavond',
      'PGA-systeem inventarisatie',
    ]);
  });

  it("reads De Bilt's row differently: the handelingskader comes before the informatieavond", async () => {
    const plan = await loadPlan(PLANNING_DIR);
    expect(plan.mijlpalenFor('De Bilt', { year: 2024, quarter: 3 })[0]?.title).toBe('Handelingskader agressief gedrag');
    expect(plan.mijlpalenFor('De Bilt', { year: 2024, quarter: 4 })[0]?.title).toBe('Informatieavond professionals');
  });

  it('links every milestone to an action of its doelstelling', async () => {
    const plan = await loadPlan(PLANNING_DIR);
    for (const m of plan.mijlpalen) expect(String(m.action.doelstelling)).toBe(m.action.code[0]);
  });

  it('handles a gemeente without milestones', async () => {
    const plan = await loadPlan(PLANNING_DIR);
    expect(plan.gemeente('Soest')).toBeUndefined();
    expect(plan.overdue('Soest', { year: 2025, quarter: 1 }, () => OPEN)).toEqual([]);
  });

  it('refuses an invalid file with file, field and reason', async () => {
    const unknownAction = (await withPlanText((t) => t.replace('title: Werkafspraken ketensamenwerking, action: 2a', 'title: Werkafspraken ketensamenwerking, action: 9z'))) as ContentError;
    expect(unknownAction).toBeInstanceOf(ContentError);
    expect(unknownAction.file).toBe(`planning/${FILE}`);
    expect(unknownAction.field).toMatch(/^gemeenten\.0\.mijlpalen\.0\.action$/);
    expect(unknownAction.reason).toContain("onbekende actie '9z'");

    const outside = (await withPlanText((t) => t.replace('quarter: 2025-Q4, title: PGA', 'quarter: 2026-Q1, title: PGA'))) as ContentError;
    expect(outside.reason).toContain('valt buiten de planperiode');
    const badQuarter = (await withPlanText((t) => t.replace('from: 2024-Q1', 'from: Q1 2024'))) as ContentError;
    expect(badQuarter.field).toBe('period.from');
  });

  it('is replaced for a new period without a code change', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'meldwijzer-plan-'));
    try {
      await writeFile(
        path.join(dir, 'uitvoeringsplan-2026-2027.yaml'),
        `period: { name: Uitvoeringsplan 2026-2027, from: 2026-Q1, to: 2027-Q4 }
source: test
doelstellingen:
  - { number: 1, title: Preventie, actions: [{ code: 1a, description: Handelingskader }] }
gemeenten:
  - naam: Baarn
    mijlpalen:
      - { quarter: 2026-Q2, title: Nieuwe mijlpaal, action: 1a }
`,
      );
      const plan = await loadPlan(dir);
      expect(plan.name).toBe('Uitvoeringsplan 2026-2027');
      expect(plan.mijlpalenFor('Baarn', { year: 2026, quarter: 2 }).map((m) => m.title)).toEqual(['Nieuwe mijlpaal']);
      await cp(path.join(PLANNING_DIR, FILE), path.join(dir, FILE));
      await expect(loadPlan(dir)).rejects.toThrow(/precies één planbestand/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('quarters', () => {
  it('are taken in Amsterdam time, also around New Year in UTC', () => {
    expect(quarterOf(new Date('2024-12-31T23:30:00Z'))).toEqual({ year: 2025, quarter: 1 });
    expect(quarterOf(new Date('2024-03-31T21:59:00Z'))).toEqual({ year: 2024, quarter: 1 });
    expect(quarterOf(new Date('2024-03-31T22:00:00Z'))).toEqual({ year: 2024, quarter: 2 });
  });

  it('are read as staff type them', () => {
    const ref = { year: 2025, quarter: 2 } as const;
    expect(parseQuarter('Q3 2024', ref)).toEqual({ year: 2024, quarter: 3 });
    expect(parseQuarter('2024-q1', ref)).toEqual({ year: 2024, quarter: 1 });
    expect(parseQuarter('3e kwartaal 2024', ref)).toEqual({ year: 2024, quarter: 3 });
    expect(parseQuarter('q4', ref)).toEqual({ year: 2025, quarter: 4 });
    expect(parseQuarter('Q5 2024', ref)).toBeNull();
    expect(parseQuarter('Baarn', ref)).toBeNull();
  });
});
