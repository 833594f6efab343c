// The bronnenregister: every phone number, legal article and date that content states is in
// knowledge/bronnen.yaml with its source. Reads only the repository.
import { rm } from 'node:fs/promises';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bronnenSchema, findClaims, normalizedNumber, scannableText, unregisteredClaims, unregisteredInFiles, type Bronnen } from '../../knowledge/bronnen';
import { ContentError, loadKnowledgeFiles } from '../../knowledge/index';
import { loadBronnen, readContentTexts } from '../../knowledge/load-content';
import { copyOfRealKnowledge, itemMarkdown, writeKnowledgeFile } from '../helpers/knowledge-fixture';

let register: Bronnen;
beforeAll(async () => {
  register = await loadBronnen();
});

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A gemeente's own numbers: the gemeente schema accepts one only with its bron. */
async function gemeenteNumbers(knowledgeDir?: string): Promise<Set<string>> {
  const { gemeenten } = await loadKnowledgeFiles(knowledgeDir);
  return new Set(gemeenten.flatMap((g) => Object.values(g.meldpunten).flatMap((m) => (m?.phone ? [normalizedNumber(m.phone)] : []))));
}

describe('the bronnenregister', () => {
  it('holds every number, article and date that content and the gemeente files state', async () => {
    const files = await readContentTexts();
    expect(files.filter((f) => f.file.startsWith('content/'))).toHaveLength(32);
    const claims = files.flatMap((f) => findClaims(scannableText(f.text)));
    expect(claims.filter((c) => c.kind === 'nummer').length).toBeGreaterThan(100);
    expect(claims.filter((c) => c.kind === 'artikel').length).toBeGreaterThan(5);
    expect(claims.filter((c) => c.kind === 'datum').length).toBeGreaterThan(5);
    expect(unregisteredInFiles(files, register, await gemeenteNumbers())).toEqual([]);
  });

  it('gives every entry a public https address or a document title, a mark and the date it was checked', () => {
    for (const entry of [...register.numbers, ...register.articles, ...register.dates]) {
      expect(entry.url ?? entry.seed, entry.value).toBeTruthy();
      if (entry.url) expect(entry.url, entry.value).toMatch(/^https:\/\//);
      expect(['primair', 'secundair'], entry.value).toContain(entry.mark);
      expect(entry.checked, entry.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('holds nothing that content does not use', async () => {
    const text = (await readContentTexts()).map((f) => scannableText(f.text)).join('\n');
    const claims = findClaims(text);
    for (const entry of register.numbers) expect(claims.some((c) => c.kind === 'nummer' && normalizedNumber(c.text) === normalizedNumber(entry.value)), entry.value).toBe(true);
    for (const entry of register.articles) {
      const forms = [entry.value, ...entry.written].map((f) => f.toLowerCase());
      expect(forms.some((f) => text.toLowerCase().includes(f)), entry.value).toBe(true);
    }
    for (const entry of register.dates) expect(text, entry.value).toContain(entry.value);
  });

  it('refuses an entry without a source and one with an unknown mark', () => {
    const base = { numbers: [], articles: [], dates: [] };
    const noSource = bronnenSchema.safeParse({ ...base, numbers: [{ value: '0800-2000', what: 'Veilig Thuis', mark: 'primair', checked: '2026-11-23' }] });
    expect(noSource.success).toBe(false);
    expect(noSource.error!.issues[0]!.path).toEqual(['numbers', 0, 'url']);
    const badMark = bronnenSchema.safeParse({ ...base, dates: [{ value: '1 maart 2025', what: 'WGS', url: 'https://wetten.overheid.nl', mark: 'V', checked: '2026-11-23' }] });
    expect(badMark.success).toBe(false);
  });
});

describe('the scanner', () => {
  it('catches an unknown number, article and date, however they are written', () => {
    const text = [
      'Bel 0800-1234 of 030 - 123 45 67 of +31 30 123 4567.',
      'Dat is huisvredebreuk (art. 138 Sr), of artikel 139 Wegenverkeerswet, of art. 139 lid 1 Sr.',
      'Sinds 1 juni 2024, 2024-06-01 of 1-6-2024.',
    ].join('\n');
    const found = unregisteredClaims(text, register).map((c) => `${c.kind}:${c.text}`);
    expect(found).toEqual([
      'nummer:0800-1234',
      'nummer:030 - 123 45 67',
      'nummer:+31 30 123 4567',
      'artikel:art. 138',
      'artikel:artikel 139',
      'artikel:art. 139',
      'datum:1 juni 2024',
      'datum:2024-06-01',
      'datum:1-6-2024',
    ]);
  });

  it('accepts registered claims in any of their written forms', () => {
    const text = 'Bel 0800 2000 of 0800-2000. Lokaalvredebreuk (artikel 139 Wetboek van Strafrecht, ook art. 139 Sr). Sinds 1 maart 2025, ook 2025-03-01.';
    expect(unregisteredClaims(text, register)).toEqual([]);
  });

  it('reads frontmatter and body, but not web addresses or the review dates', () => {
    const text = scannableText('---\nreviewed: 2026-11-23\nreviewBefore: 2027-11-23\nurl: https://politie.nl/nieuws/2021/mei/3\n---\nTekst.');
    expect(findClaims(text)).toEqual([]);
  });

  it('finds a number, article and date planted in a content file, in the frontmatter and in the body', async () => {
    dir = await copyOfRealKnowledge();
    const contacts = '\n  - name: Geplant nummer\n    phone: "0800-9999"\n    for: beide';
    const steps = '\n  - "Zie artikel 141 Sr."';
    await writeKnowledgeFile(dir, 'content/meldroutes/geplant.md', itemMarkdown('meldroutes/geplant', { contacts, steps }).replace('Tekst van de testroute.', 'Dit geldt sinds 1 juni 2024.'));
    const found = unregisteredInFiles(await readContentTexts(dir), register, await gemeenteNumbers(dir));
    expect(found.map((c) => `${c.file} ${c.kind}:${c.text}`)).toEqual([
      'content/meldroutes/geplant.md nummer:0800-9999',
      'content/meldroutes/geplant.md artikel:artikel 141',
      'content/meldroutes/geplant.md datum:1 juni 2024',
    ]);
  });

  it("accepts a gemeente's own number in its gemeente file (it has a bron), and nowhere else", async () => {
    dir = await copyOfRealKnowledge();
    await writeKnowledgeFile(dir, 'gemeenten/testdorp.yaml', 'naam: Testdorp\nmeldpunten:\n  zorgwekkend-gedrag:\n    name: Meldpunt Testdorp\n    phone: "035-1234567"\n    bron: https://testdorp.example/meldpunt\n');
    await writeKnowledgeFile(dir, 'content/meldroutes/geplant.md', itemMarkdown('meldroutes/geplant').replace('Tekst van de testroute.', 'Bel 035-1234567.'));
    const found = unregisteredInFiles(await readContentTexts(dir), register, await gemeenteNumbers(dir));
    expect(found.map((c) => `${c.file} ${c.text}`)).toEqual(['content/meldroutes/geplant.md 035-1234567']);
  });

  it('stops loading on a register that is not valid', async () => {
    dir = await copyOfRealKnowledge();
    await writeKnowledgeFile(dir, 'bronnen.yaml', 'numbers:\n  - value: "0800-2000"\n    what: Veilig Thuis\n    mark: primair\n    checked: 2026-11-23\narticles: []\ndates: []\n');
    const error = await loadBronnen(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).field).toBe('numbers.0.url');
  });
});
