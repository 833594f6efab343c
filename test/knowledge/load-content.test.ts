// Reading a knowledge folder from disk: which files count, ids from paths, sorting, optional files and the
// errors that name the file. A small folder written from scratch (the real content is content.test.ts's).
import { mkdtemp, rm, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ContentError } from '../../knowledge/content-error';
import { loadBronnen, loadKnowledgeFiles, readContentTexts } from '../../knowledge/load-content';
import { itemMarkdown, writeKnowledgeFile } from '../helpers/knowledge-fixture';

const SEARCH_TERMS = 'synonyms:\n  - [huiselijk geweld, HG]\nfillerWords: [waar]\n';
const URGENCY_RULES = `
kinds:
  - { kind: medisch, routes: [meldroutes/acuut] }
  - { kind: vermissing, routes: [meldroutes/acuut] }
  - { kind: suicide, routes: [meldroutes/acuut] }
  - { kind: geweld, routes: [meldroutes/acuut] }
now: [=nu]
groups:
  wapen: [=mes]
rules:
  - { id: wapen, kind: geweld, level: alert, all: [wapen], examples: [een mes] }
`;
const gemeente = (naam: string) => `naam: ${naam}\nmeldpunten:\n  wvggz: null\n`;

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** A valid minimal knowledge folder, with `files` added or (text null) removed. */
async function folder(files: Record<string, string | null> = {}): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'meldwijzer-load-'));
  dirs.push(dir);
  const all: Record<string, string | null> = {
    'content/meldroutes/b-route.md': itemMarkdown('meldroutes/b-route'),
    'content/agressieprotocol/a-route.md': itemMarkdown('agressieprotocol/a-route', { type: 'agressieprotocol' }),
    'gemeenten/zeist.yaml': gemeente('Zeist'),
    'gemeenten/eemnes.yaml': gemeente('Eemnes'),
    'search-terms.yaml': SEARCH_TERMS,
    'urgency-rules.yaml': URGENCY_RULES,
    ...files,
  };
  for (const [relative, text] of Object.entries(all)) if (text !== null) await writeKnowledgeFile(dir, relative, text);
  return dir;
}

async function loadError(dir: string): Promise<ContentError> {
  const error = await loadKnowledgeFiles(dir).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ContentError);
  return error as ContentError;
}

describe('loadKnowledgeFiles', () => {
  it('loads items sorted by id, with the body under the frontmatter, trimmed', async () => {
    const files = await loadKnowledgeFiles(await folder());
    expect(files.items.map((i) => i.id)).toEqual(['agressieprotocol/a-route', 'meldroutes/b-route']);
    expect(files.items[0]!.body).toBe('Tekst van de testroute.');
    expect(files.items[0]!.overrides).toEqual({});
  });

  it('reads the search terms and urgency rules, with their defaults', async () => {
    const files = await loadKnowledgeFiles(await folder());
    expect(files.searchTerms).toEqual({ synonyms: [['huiselijk geweld', 'HG']], fillerWords: ['waar'], generalWords: [] });
    expect(files.urgencyRules.rules.map((r) => r.id)).toEqual(['wapen']);
    expect(files.urgencyRules.notTypos).toEqual([]);
  });

  it('skips README.md in content/ and gemeente files starting with _', async () => {
    const files = await loadKnowledgeFiles(await folder({ 'content/README.md': '# Uitleg\n', 'gemeenten/_sjabloon.yaml': gemeente('Gemeentenaam') }));
    expect(files.items).toHaveLength(2);
    expect(files.gemeenten.map((g) => g.naam)).toEqual(['Eemnes', 'Zeist']);
  });

  it('sorts gemeenten by name in Dutch order', async () => {
    const files = await loadKnowledgeFiles(await folder({ 'gemeenten/ijsselstein.yaml': gemeente('IJsselstein'), 'gemeenten/de-bilt.yaml': gemeente('De Bilt') }));
    expect(files.gemeenten.map((g) => g.naam)).toEqual(['De Bilt', 'Eemnes', 'IJsselstein', 'Zeist']);
  });

  it('accepts frontmatter with Windows line endings', async () => {
    const crlf = itemMarkdown('meldroutes/b-route').replace(/\n/g, '\r\n');
    const files = await loadKnowledgeFiles(await folder({ 'content/meldroutes/b-route.md': crlf }));
    expect(files.items.find((i) => i.id === 'meldroutes/b-route')?.title).toBe('Testroute voor fixtures');
  });

  it('has no phrasings without phrasings.yaml or with an empty one, and reads them when present', async () => {
    expect((await loadKnowledgeFiles(await folder())).phrasings).toEqual([]);
    expect((await loadKnowledgeFiles(await folder({ 'phrasings.yaml': '' }))).phrasings).toEqual([]);
    const files = await loadKnowledgeFiles(await folder({ 'phrasings.yaml': '- { q: wat nu, expect: null }\n' }));
    expect(files.phrasings).toEqual([{ q: 'wat nu', expect: null, urgent: false }]);
  });

  it('wants an item\'s id to be its path without .md', async () => {
    const error = await loadError(await folder({ 'content/meldroutes/b-route.md': itemMarkdown('meldroutes/andere-naam') }));
    expect(error.file).toBe('meldroutes/b-route.md');
    expect(error.field).toBe('id');
    expect(error.reason).toContain("'meldroutes/b-route'");
  });

  it('refuses an override for a gemeente the item is not for', async () => {
    const markdown = itemMarkdown('meldroutes/b-route', { gemeenten: '[Zeist]', overrides: '\n  Eemnes:\n    summary: Een eigen samenvatting voor Eemnes.' });
    const error = await loadError(await folder({ 'content/meldroutes/b-route.md': markdown }));
    expect(error.field).toBe('overrides.Eemnes');
    expect(error.file).toBe('meldroutes/b-route.md');
  });

  it('names a missing required file', async () => {
    const dir = await folder();
    await unlink(path.join(dir, 'urgency-rules.yaml'));
    const error = await loadError(dir);
    expect(error.file).toBe(`${path.basename(dir)}/urgency-rules.yaml`);
    expect(error.field).toBe('(bestand)');
  });

  it('refuses a knowledge folder without items (a wrong path would start a bot that knows nothing)', async () => {
    const dir = await folder();
    await rm(path.join(dir, 'content'), { recursive: true });
    const error = await loadError(dir);
    expect(error.file).toBe('content');
    expect(error.field).toBe('(map)');
    expect(error.reason).toContain('geen items gevonden');
  });

  it('names the gemeente file and field that are wrong', async () => {
    const error = await loadError(await folder({ 'gemeenten/zeist.yaml': 'naam: Z\nmeldpunten: {}\n' }));
    expect(error.file).toBe('gemeenten/zeist.yaml');
    expect(error.field).toBe('naam');
  });

  it('names the urgency rule that refers to a group that does not exist', async () => {
    const error = await loadError(await folder({ 'urgency-rules.yaml': URGENCY_RULES.replace('all: [wapen]', 'all: [wapens]') }));
    expect(error.file).toMatch(/\/urgency-rules\.yaml$/);
    expect(error.field).toBe('rules.0.all.0');
  });
});

describe('readContentTexts', () => {
  it('gives the raw text of every content and gemeente file, by path under the folder', async () => {
    const dir = await folder({ 'content/notities.txt': 'geen inhoud', 'gemeenten/_sjabloon.yaml': gemeente('Gemeentenaam') });
    const texts = await readContentTexts(dir);
    expect(texts.map((t) => t.file).sort()).toEqual([
      'content/agressieprotocol/a-route.md',
      'content/meldroutes/b-route.md',
      'gemeenten/_sjabloon.yaml',
      'gemeenten/eemnes.yaml',
      'gemeenten/zeist.yaml',
    ]);
    expect(texts.find((t) => t.file === 'gemeenten/zeist.yaml')?.text).toBe(gemeente('Zeist'));
  });
});

describe('loadBronnen', () => {
  it('reads and validates bronnen.yaml', async () => {
    const dir = await folder({ 'bronnen.yaml': 'numbers: []\narticles: []\ndates: []\n' });
    expect(await loadBronnen(dir)).toEqual({ numbers: [], articles: [], dates: [] });
    const missing = await folder();
    await expect(loadBronnen(missing)).rejects.toMatchObject({ field: '(bestand)' });
  });
});
