// loadPlan: the one plan file in a folder, parsed and validated, or a ContentError naming file and field.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ContentError } from '../../knowledge/content-error';
import { loadPlan } from '../../plan/load-plan';
import { Plan } from '../../plan/plan';

const PLAN = `
period: { name: Testplan 2024, from: 2024-Q1, to: 2024-Q4 }
source: testbron
doelstellingen:
  - number: 1
    title: Preventie
    actions:
      - { code: 1a, description: Handelingskader }
gemeenten:
  - naam: Baarn
    mijlpalen:
      - { quarter: 2024-Q2, title: Eerste mijlpaal, action: 1a }
`;

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function planDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'meldwijzer-plan-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text, 'utf8');
  return dir;
}

async function loadError(dir: string): Promise<ContentError> {
  const error = await loadPlan(dir).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ContentError);
  return error as ContentError;
}

describe('loadPlan', () => {
  it('reads the plan file into a Plan', async () => {
    const plan = await loadPlan(await planDir({ 'plan.yaml': PLAN }));
    expect(plan).toBeInstanceOf(Plan);
    expect(plan.gemeenten).toEqual(['Baarn']);
    expect(plan.mijlpalenFor('Baarn', { year: 2024, quarter: 2 }).map((m) => m.title)).toEqual(['Eerste mijlpaal']);
  });

  it('accepts .yml and ignores other files and files starting with _', async () => {
    const plan = await loadPlan(await planDir({ 'plan.yml': PLAN, '_oud.yaml': 'kapot: [', 'LEESMIJ.md': '# uitleg' }));
    expect(plan.gemeenten).toEqual(['Baarn']);
  });

  it('says in Dutch when the folder does not exist', async () => {
    const missing = path.join(await planDir({}), 'bestaat-niet');
    const error = await loadError(missing);
    expect(error.message).toContain('bestaat niet');
    expect(error.message).toContain(missing);
  });

  it('wants exactly one plan file, and says how many it found', async () => {
    const none = await planDir({ 'LEESMIJ.md': '# uitleg' });
    const error = await loadError(none);
    expect(error.file).toBe(path.basename(none));
    expect(error.field).toBe('(bestanden)');
    expect(error.reason).toMatch(/gevonden: 0$/);
  });

  it('names the file for YAML that does not parse, with only the first line of the parser\'s message', async () => {
    const error = await loadError(await planDir({ 'plan.yaml': 'period: [open\n' }));
    expect(error.file).toBe('planning/plan.yaml');
    expect(error.field).toBe('(yaml)');
    expect(error.reason).not.toContain('\n');
  });

  it('names the file and the field for a plan the schema refuses', async () => {
    const error = await loadError(await planDir({ 'uitvoeringsplan.yaml': PLAN.replace('action: 1a }', 'action: 2b }') }));
    expect(error.file).toBe('planning/uitvoeringsplan.yaml');
    expect(error.field).toBe('gemeenten.0.mijlpalen.0.action');
    expect(error.reason).toBe("onbekende actie '2b'");
  });

  it('refuses an empty plan file', async () => {
    const error = await loadError(await planDir({ 'plan.yaml': '' }));
    expect(error.field).toBe('(bestand)');
  });

  it('rejects a folder that does not exist', async () => {
    await expect(loadPlan(path.join(os.tmpdir(), 'meldwijzer-plan-bestaat-niet'))).rejects.toThrow();
  });
});
