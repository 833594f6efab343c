// The prebuilt knowledge base (dist/knowledge.json): loaded only when it matches the content, and then
// it answers exactly as the knowledge base built from the content does.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPrebuiltKnowledge, createKnowledgeBase, openKnowledgeBase } from '../../knowledge/index';
import { copyOfRealKnowledge } from '../helpers/knowledge-fixture';

const QUESTIONS = [
  'waar meld ik een vermoeden van huiselijk geweld',
  'klant wordt agressief aan de balie',
  'huurder heeft twee maanden achterstand',
  'hij zegt dat hij zijn ex gaat vermoorden',
  'klant praat aan de telefoon over zelfmoord',
  'kind is vermist',
  'huurdr met achterstnd', // typos go through the typo index built from the loaded index
  'waar vind ik het parkeerbeleid',
  // Answered with the phrasing model's vote (its trained arrays come from the file too).
  'mevrouw durft niet meer naar huis omdat haar man haar slaat',
  'buurman komt al weken de deur niet uit en de tuin ligt vol afval',
];

const answers = (kb: Awaited<ReturnType<typeof createKnowledgeBase>>) =>
  QUESTIONS.map((q) => {
    const a = kb.findRoute(q, { gemeente: 'Baarn' });
    return { q, ids: a.results.map((r) => r.item.id), scores: a.results.map((r) => r.score), urgent: a.urgent, alert: a.alert, rules: a.urgencyRules };
  });

async function prebuiltFile(): Promise<string> {
  return path.join(await mkdtemp(path.join(os.tmpdir(), 'mw-prebuilt-')), 'knowledge.json');
}

describe('the prebuilt knowledge base', () => {
  it('is loaded when it matches the content, and answers as the one built from the content', async () => {
    const dir = await copyOfRealKnowledge();
    const file = await prebuiltFile();
    await buildPrebuiltKnowledge(dir, file);
    const opened = await openKnowledgeBase(dir, file);
    expect(opened.source).toBe('prebuilt');
    // The linear classifier's trained weights are in the file: a start does not train it again.
    const saved = JSON.parse(await readFile(file, 'utf8')) as { parts: { linear?: { weights: string; labelNames: unknown[] } } };
    expect(saved.parts.linear?.weights.length).toBeGreaterThan(0);
    expect(opened.kb.serialized().linear).toEqual(saved.parts.linear);
    const fromContent = await createKnowledgeBase(dir);
    expect(opened.kb.items).toEqual(fromContent.items);
    expect(answers(opened.kb)).toEqual(answers(fromContent));
    expect(answers(opened.kb)[0]!.ids[0]).toBe('meldroutes/huiselijk-geweld');
  });

  it('is rebuilt from the content when an item changed, and rewritten for the next start', async () => {
    const dir = await copyOfRealKnowledge();
    const file = await prebuiltFile();
    await buildPrebuiltKnowledge(dir, file);
    const itemFile = path.join(dir, 'content/meldroutes/woonoverlast.md');
    const text = await readFile(itemFile, 'utf8');
    const title = /^title: (.*)$/m.exec(text)![1]!;
    await writeFile(itemFile, text.replace(`title: ${title}`, 'title: "Overlast van buren: zo meld je het"'));

    const opened = await openKnowledgeBase(dir, file);
    expect(opened.source).toBe('built');
    expect(opened.kb.item('meldroutes/woonoverlast')!.title).toBe('Overlast van buren: zo meld je het');
    const again = await openKnowledgeBase(dir, file);
    expect(again.source).toBe('prebuilt');
    expect(again.kb.item('meldroutes/woonoverlast')!.title).toBe('Overlast van buren: zo meld je het');
  });

  it('is rebuilt when the file is missing or damaged', async () => {
    const dir = await copyOfRealKnowledge();
    const file = await prebuiltFile();
    expect((await openKnowledgeBase(dir, file)).source).toBe('built');
    await writeFile(file, '{"format":1,"fingerp');
    const opened = await openKnowledgeBase(dir, file);
    expect(opened.source).toBe('built');
    expect(opened.kb.items).toHaveLength(32);
  });
});
