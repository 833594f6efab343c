// SearchIndex over a handful of hand-made items: how a question's words become a query, and what a hit says.
import { describe, expect, it } from 'vitest';
import type { KnowledgeItem, SearchTerms } from '../../knowledge/schema';
import { SearchIndex } from '../../knowledge/search-index';

function item(id: string, title: string, keywords: string[], body = ''): KnowledgeItem {
  return {
    id,
    type: 'meldroute',
    title,
    summary: `Samenvatting over ${title.toLowerCase()}.`,
    questions: [],
    keywords,
    urgent: false,
    contacts: [{ name: 'Testlijn', url: 'https://testlijn.example', for: 'beide' }],
    steps: ['Doe de eerste stap.'],
    gemeenten: 'all',
    overrides: {},
    source: [{ publisher: 'Testuitgever', url: 'https://testuitgever.example', mark: 'primair' }],
    owner: { role: 'Testbeheerder', channel: 'Testteam' },
    reviewed: '2026-01-01',
    reviewedBy: 'Testredacteur',
    reviewBefore: '2026-12-01',
    body,
  };
}

const ITEMS = [
  item('routes/geweld', 'Huiselijk geweld melden', ['mishandeling', 'partnergeweld'], 'Bel Veilig Thuis, ook vanaf de balie.'),
  item('routes/schulden', 'Schuldhulpverlening', ['huurachterstand', 'schulden'], 'Aan de balie of per telefoon.'),
  item('routes/verslaving', 'Verslaving en alcohol', ['verslaving', 'drugs'], 'Hulp bij verslaving.'),
  item('routes/brief', 'Een brief over overlast', ['brief', 'overlast']),
];
const TERMS: SearchTerms = { synonyms: [['relatiegeweld', 'huiselijk geweld']], fillerWords: ['waar', 'meld', 'ik'], generalWords: ['balie', 'telefoon'] };
const index = new SearchIndex(ITEMS, TERMS);
const ids = (question: string, on = index) => on.search(question).map((h) => h.id);
const best = (question: string) => index.search(question)[0];

describe('SearchIndex.search', () => {
  it('finds an item by the words of its title, with full coverage and as a topic', () => {
    expect(best('huiselijk geweld')).toMatchObject({ id: 'routes/geweld', coverage: 1, topical: true });
    expect(ids('huiselijk geweld')).toEqual(['routes/geweld']);
  });

  it('finds plurals and accents the same way (stemmed, folded)', () => {
    expect(ids('Verslavíngen')[0]).toBe('routes/verslaving');
  });

  it('searches a synonym group\'s other phrasings', () => {
    expect(best('relatiegeweld')).toMatchObject({ id: 'routes/geweld', topical: true });
  });

  it('tolerates a typo in a long word and still counts it as a topic', () => {
    expect(best('schuldhulpverlenig')).toMatchObject({ id: 'routes/schulden', topical: true });
  });

  it('finds a compound by its known tail, but the part alone makes no topic', () => {
    expect(best('alcoholverslaving')).toMatchObject({ id: 'routes/verslaving', topical: false });
  });

  it('searches a diminutive as its base word, as a topic', () => {
    expect(best('briefje')).toMatchObject({ id: 'routes/brief', topical: true });
  });

  it('lets a general word rank but never make a topic', () => {
    const hits = index.search('balie');
    expect(hits.map((h) => h.id).sort()).toEqual(['routes/geweld', 'routes/schulden']);
    expect(hits.every((h) => !h.topical)).toBe(true);
  });

  it('scores an item by how much of the question it explains', () => {
    const hits = index.search('verslaving balie');
    expect(hits[0]).toMatchObject({ id: 'routes/verslaving', topical: true });
    expect(hits[0]!.coverage).toBeGreaterThan(0.5);
    expect(hits[0]!.coverage).toBeLessThan(1);
    const onlyBalie = hits.find((h) => h.id === 'routes/schulden')!;
    expect(onlyBalie.coverage).toBeLessThan(hits[0]!.coverage);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
  });

  it('does not take a word after "niet" as evidence, but reads "geen" outside a phrasing as the need itself', () => {
    expect(ids('niet verslaving')).toEqual([]);
    expect(ids('geen schulden')).toEqual(['routes/schulden']);
  });

  it('answers nothing for filler words, numbers, punctuation, empty or garbage input', () => {
    for (const question of ['waar meld ik', '20 15000', '!!!', '', '   ', 'x'.repeat(5_000), '\u0000\u200b']) {
      expect(index.search(question), JSON.stringify(question.slice(0, 20))).toEqual([]);
    }
  });

  it('reads only the first 60 words of a long text', () => {
    const padding = Array.from({ length: 60 }, (_, i) => `woord${i}`).join(' ');
    expect(ids(`${padding} verslaving`)).toEqual([]);
    expect(ids(`verslaving ${padding}`)).toEqual(['routes/verslaving']);
  });

  it('returns at most ten hits', () => {
    const many = Array.from({ length: 15 }, (_, i) => item(`routes/r${i}`, `Route nummer ${i} over overlast`, ['overlast']));
    expect(new SearchIndex(many, TERMS).search('overlast')).toHaveLength(10);
  });

  it('leaves a word out of the query when a large collection has it nearly everywhere', () => {
    const many = Array.from({ length: 60 }, (_, i) => item(`routes/r${i}`, `Route nummer ${i} over overlast`, [i === 0 ? 'vuurwerk' : 'geluid']));
    const large = new SearchIndex(many, TERMS);
    expect(large.search('overlast')).toEqual([]);
    expect(large.search('overlast vuurwerk').map((h) => h.id)).toEqual(['routes/r0']);
  });
});

describe('SearchIndex.toJSON and prebuilt', () => {
  it('answers the same from its serialised index as from a fresh build', () => {
    const loaded = new SearchIndex(ITEMS, TERMS, JSON.parse(JSON.stringify(index.toJSON())) as object);
    for (const question of ['huiselijk geweld', 'relatiegeweld', 'schuldhulpverlenig', 'verslaving balie', 'briefje']) {
      expect(loaded.search(question), question).toEqual(index.search(question));
    }
  });
});
