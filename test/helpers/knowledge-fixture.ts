// Writes a small knowledge folder to a temp dir, so tests can check loading and overrides
// without touching the real content.
import { mkdtemp, mkdir, writeFile, cp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_KNOWLEDGE_DIR, openKnowledgeBase, type KnowledgeBase } from '../../knowledge/index';

let real: Promise<KnowledgeBase> | undefined;

/**
 * The real content's knowledge base, opened once per test worker as npm start opens it (the prebuilt file
 * when it matches the content, else built and written): building it trains the phrasing models, seconds
 * each time. Tests that are about building (prebuilt.test.ts) or about other content build their own.
 */
export function realKnowledgeBase(): Promise<KnowledgeBase> {
  return (real ??= openKnowledgeBase().then(({ kb }) => kb));
}

/** A copy of the real knowledge folder that a test may change. */
export async function copyOfRealKnowledge(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'meldwijzer-kennis-'));
  for (const part of ['content', 'gemeenten', 'search-terms.yaml', 'urgency-rules.yaml', 'bronnen.yaml']) {
    await cp(path.join(DEFAULT_KNOWLEDGE_DIR, part), path.join(dir, part), { recursive: true });
  }
  return dir;
}

export async function writeKnowledgeFile(dir: string, relative: string, text: string): Promise<void> {
  const file = path.join(dir, relative);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text, 'utf8');
}

/** A valid item's Markdown, with fields replaced or removed (value undefined) as given. */
export function itemMarkdown(id: string, changes: Record<string, string | undefined> = {}): string {
  const fields: Record<string, string | undefined> = {
    id,
    type: 'meldroute',
    title: 'Testroute voor fixtures',
    summary: 'Een samenvatting van de testroute die lang genoeg is.',
    questions: '\n  - testvraag een\n  - testvraag twee\n  - testvraag drie',
    keywords: '\n  - testwoord',
    urgent: 'false',
    contacts: '\n  - name: Testlijn\n    url: https://testlijn.example/melden\n    for: beide',
    steps: '\n  - Doe de eerste stap.',
    gemeenten: 'all',
    source: '\n  - publisher: Testuitgever\n    url: https://testuitgever.example/bron\n    mark: primair',
    owner: '\n  role: Testbeheerder\n  channel: Testteam › Kennisbank',
    reviewed: '2026-11-01',
    reviewedBy: 'Testredacteur',
    reviewBefore: '2027-11-01',
    ...changes,
  };
  const yaml = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
  return `---\n${yaml}\n---\nTekst van de testroute.\n`;
}
