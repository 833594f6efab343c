// knowledge/phrasings.yaml, the labelled phrasings the bot learns from, holds tuning data only: no question
// of the sealed part of bench/eval/evaluation-set-2.yaml (which would make the sealed figures meaningless),
// and only items that exist. The sealed questions are compared, never printed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_KNOWLEDGE_DIR, loadKnowledgeFiles } from '../../knowledge/index';
import { phrasingKey, type Phrasing } from '../../knowledge/phrasings';
import { trainablePhrasings } from '../../tools/build-phrasings';

const EVALUATION_SET = path.join(DEFAULT_KNOWLEDGE_DIR, '..', 'bench', 'eval', 'evaluation-set-2.yaml');

let phrasings: Phrasing[];
let itemIds: Set<string>;

beforeAll(async () => {
  const files = await loadKnowledgeFiles();
  phrasings = files.phrasings ?? [];
  itemIds = new Set(files.items.map((i) => i.id));
});

describe('knowledge/phrasings.yaml', () => {
  it('holds the tuning phrasings', () => {
    expect(phrasings.length).toBeGreaterThan(1000);
  });

  it('holds no question of the sealed evaluation split', () => {
    const entries = parseYaml(readFileSync(EVALUATION_SET, 'utf8')) as Array<{ q: string; split?: string }>;
    const sealed = new Set(entries.filter((e) => e.split === 'sealed').map((e) => phrasingKey(e.q)));
    expect(sealed.size).toBeGreaterThan(0);
    // Only a count: a failing test must not print sealed questions either.
    const leaked = phrasings.filter((p) => sealed.has(phrasingKey(p.q))).length;
    expect(leaked, 'sealed questions in phrasings.yaml').toBe(0);
  });

  it('is what tools/build-phrasings.ts makes of the tuning files today (a relabelled or added phrasing is learned)', () => {
    const expected = trainablePhrasings().phrasings;
    expect(phrasings.length).toBe(expected.length);
    expect(phrasings).toEqual(expected);
  });

  it('labels only items that exist', () => {
    const unknown = [...new Set(phrasings.map((p) => p.expect).filter((id): id is string => id !== null && !itemIds.has(id)))];
    expect(unknown).toEqual([]);
  });
});
