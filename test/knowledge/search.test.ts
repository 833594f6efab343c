// Finding the route: synonyms, typos, hostile input, urgency both ways, confidence and gemeente.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnowledgeBase, type KnowledgeBase } from '../../knowledge/index';
import { DEFAULT_BLEND } from '../../knowledge/route-blend';
import { copyOfRealKnowledge, itemMarkdown, writeKnowledgeFile, realKnowledgeBase } from '../helpers/knowledge-fixture';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await realKnowledgeBase();
});

const bestFor = (question: string, gemeente?: string) => kb.findRoute(question, { gemeente }).results[0]?.item.id;

describe('finding a route', () => {
  it.each([
    ['waar meld ik een vermoeden van huiselijk geweld?', 'meldroutes/huiselijk-geweld'],
    ['klant wordt agressief aan de balie', 'agressieprotocol/balie'],
    ['huurder heeft twee maanden achterstand', 'huurachterstanden/vroegsignalering'],
    ['wat zijn de stappen van de meldcode', 'handelingskaders/meldcode'],
  ])('answers "%s" with %s', (question, id) => {
    expect(bestFor(question)).toBe(id);
  });

  it.each([
    ['vermoeden van HG bij een gezin', 'meldroutes/huiselijk-geweld'],
    ['partnergeweld', 'meldroutes/huiselijk-geweld'],
    ['E33', 'meldroutes/verward-gedrag'],
    ['huurschuld', 'huurachterstanden/vroegsignalering'],
    ['schelden aan het loket', 'agressieprotocol/balie'],
    ['zelfmoord', 'meldroutes/suicide'],
    ['loverboy', 'meldroutes/mensenhandel'],
    ['melding verplichte ggz', 'meldroutes/wvggz-verkennend-onderzoek'],
  ])('expands the synonym in "%s"', (question, id) => {
    expect(bestFor(question)).toBe(id);
  });

  it.each([
    ['huislijk gewelt', 'meldroutes/huiselijk-geweld'],
    ['agresieve klant', 'agressieprotocol/balie'],
    ['kindermishandling', 'meldroutes/huiselijk-geweld'],
    ['schuldhulpverlenig', 'huurachterstanden/schuldhulpverlening'],
  ])('tolerates the typos in "%s"', (question, id) => {
    expect(bestFor(question)).toBe(id);
  });

  it('treats accents as the same letter: suïcide and suicide', () => {
    expect(bestFor('suïcide')).toBe('meldroutes/suicide');
    expect(bestFor('suicide')).toBe('meldroutes/suicide');
  });

  it('gives no answer rather than a wrong one', () => {
    for (const question of ['hoe laat gaat de kantine open', 'wat is het weer morgen', 'parkeervergunning aanvragen']) {
      const answer = kb.findRoute(question);
      expect(answer.results, question).toEqual([]);
    }
  });

  it('returns at most five results, best first', () => {
    const { results } = kb.findRoute('geweld bedreiging agressie huiselijk kind melden politie zorgen overlast');
    expect(results.length).toBeLessThanOrEqual(5);
    const scores = results.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });
});

describe('how the words of a question count', () => {
  const ids = (question: string) => kb.findRoute(question).results.map((r) => r.item.id);

  it('answers nothing on a general word alone: where or through which channel is not what happened', () => {
    for (const question of ['aan de balie', 'telefoon', 'een bewoner in de wijk']) expect(ids(question), question).toEqual([]);
  });

  it('does not take a denied word as evidence: "niet acuut" is no acute route', () => {
    const answer = kb.findRoute('zorgen over een buurman die veel drinkt, het is niet acuut');
    expect(answer.results.map((r) => r.item.id)).not.toContain('meldroutes/acuut-gevaar');
    expect(answer.urgent).toBe(false);
  });

  it('reads "geen" before a need as the need itself: "geen slaapplek"', () => {
    expect(ids('geen slaapplek voor vannacht')[0]).toBe('meldroutes/dakloosheid');
  });

  it('finds the last part of an unknown compound word: "alcoholverslaving"', () => {
    expect(ids('alcoholverslaving')[0]).toBe('meldroutes/zorgwekkend-gedrag');
  });

  it('keeps parents (ouders) apart from elderly people (ouderen)', () => {
    expect(ids('financieel misbruik van ouderen')[0]).toBe('meldroutes/ouderenmishandeling');
    expect(ids('moet ik met de ouders praten over hun kind')).not.toContain('meldroutes/ouderenmishandeling');
  });

  it('matches a phrasing whose words stand a little apart: "komt al maanden niet meer buiten"', () => {
    expect(ids('buurvrouw komt al maanden niet meer buiten')[0]).toBe('meldroutes/zorgwekkend-gedrag');
  });

  it('lets only light words stand inside a phrasing after its stop words: "in de schulden, waar" is no "in de war"', () => {
    expect(ids('klant zit in de schulden, waar kan hij heen')[0]).toBe('huurachterstanden/schuldhulpverlening');
    expect(ids('klant zit in de schulden, waar kan hij heen')).not.toContain('meldroutes/verward-gedrag');
    expect(ids('een bewoonster zegt dat ze niet meer wil leven, het was vorig jaar')[0]).toBe('meldroutes/suicide');
  });

  it('gives a phrasing of general words its meaning: "zijn huis uit" is a huisuitzetting, not a general "huis"', () => {
    expect(ids('een moeder moet over een maand haar huis uit vanwege een huurschuld')).toContain('huurachterstanden/dreigende-huisuitzetting');
  });

  it('reads a diminutive as its word and finds the first part of an unknown compound word', () => {
    expect(ids('een cliënt met een huurachterstandje')[0]).toBe('huurachterstanden/vroegsignalering');
    expect(ids('hoe ga ik om met een cliënt na een zelfmoordpoging')[0]).toBe('meldroutes/suicide');
  });

  it('does not answer on the first part of a compound alone: "geboorteaangifte" is no aangifte', () => {
    expect(ids('waar moet ik geboorteaangifte doen')).toEqual([]);
    expect(ids('wat kost een nieuwe identiteitskaart')).toEqual([]);
  });
});

describe('hostile or odd input', () => {
  it.each([
    ['lunr syntax', '+huiselijk -geweld title:meld ~2 ^10 * geweld~1 +-:~^*'],
    ['empty', ''],
    ['only spaces', '   \n\t '],
    ['5,000 characters', 'huiselijk geweld '.repeat(300).slice(0, 5000)],
    ['emoji', '😡😡 klant 🤬 aan de balie 🔪'],
    ['control characters', '\u0000\u001f\u202e kindermishandeling'],
    ['other scripts', 'насилие 家庭暴力 عنف'],
  ])('never throws on %s', (_label, question) => {
    expect(() => kb.findRoute(question)).not.toThrow();
  });

  it('still answers within hostile syntax', () => {
    expect(bestFor('+huiselijk -geweld: ~^*')).toBe('meldroutes/huiselijk-geweld');
    expect(kb.findRoute('').results).toEqual([]);
  });
});

describe('urgency', () => {
  it.each([
    ['klant dreigt met een mes aan de balie', 'meldroutes/acuut-gevaar'],
    ['ik hoor de buurvrouw gillen, hij slaat haar nu', 'meldroutes/acuut-gevaar'],
    ['hij dreigt haar te vermoorden', 'meldroutes/acuut-gevaar'],
    ['buurman ligt bewusteloos op de stoep', 'meldroutes/acuut-gevaar'],
  ])('flags "%s" and puts 112 first', (question, id) => {
    const answer = kb.findRoute(question);
    expect(answer.urgent).toBe(true);
    expect(answer.results[0]?.item.id).toBe(id);
  });

  it('puts 113 first, then 112, for suicide intent', () => {
    const answer = kb.findRoute('mijn cliënt zegt dat hij vanavond zelfmoord wil plegen');
    expect(answer.urgent).toBe(true);
    expect(answer.urgency).toBe('suicide');
    expect(answer.results.slice(0, 2).map((r) => r.item.id)).toEqual(['meldroutes/suicide', 'meldroutes/acuut-gevaar']);
  });

  it.each([
    'waar meld ik kindermishandeling',
    'waar meld ik een vermoeden van huiselijk geweld?',
    'hoe ga ik om met een cliënt die over suïcide praat',
    'wat is het agressieprotocol',
    'nummer zelfmoordpreventie',
    'klant wordt agressief aan de balie',
  ])('does not flag a question about a topic: "%s"', (question) => {
    expect(kb.findRoute(question).urgent).toBe(false);
  });

  it('is urgent when the rules see nothing but the nearest phrasings are about acute danger now (the model as a net)', () => {
    const question = 'waar meld ik een vermoeden van huiselijk geweld?';
    const evidence = kb.evidence(question);
    expect(evidence.danger.level).toBe(null);
    const nearSuicide = { ...evidence.verdict, urgent: 0.9, urgentKind: 'acute-suicide', nearest: 0.8 };
    const answer = kb.decide({ ...evidence, verdict: nearSuicide }, DEFAULT_BLEND);
    expect(answer.urgent).toBe(true);
    expect(answer.urgency).toBe('suicide');
    expect(answer.results.slice(0, 2).map((r) => r.item.id)).toEqual(['meldroutes/suicide', 'meldroutes/acuut-gevaar']);
    expect(answer.urgencyRules).toContain('phrasing-model (urgent)');
    // Not near enough, or not urgent enough: the rules' verdict stands.
    expect(kb.decide({ ...evidence, verdict: { ...nearSuicide, nearest: 0.2 } }, DEFAULT_BLEND).urgent).toBe(false);
    expect(kb.decide({ ...evidence, verdict: { ...nearSuicide, urgent: DEFAULT_BLEND.urgentVote! - 0.1 } }, DEFAULT_BLEND).urgent).toBe(false);
  });

  it('leaves it to the rules when an urgent rule found its danger words but held itself back (a time gone by)', () => {
    const evidence = kb.evidence('vorige maand trok een klant een mes aan de balie, hoe registreer ik dat');
    expect(evidence.danger.level).toBe('alert');
    expect(evidence.danger.fired).toContainEqual({ id: 'wapen-aanwezig', level: 'alert' });
    const nearWeapon = { ...evidence.verdict, urgent: 0.9, urgentKind: 'acute-weapon', nearest: 0.8 };
    const answer = kb.decide({ ...evidence, verdict: nearWeapon }, DEFAULT_BLEND);
    expect(answer.urgent).toBe(false);
    expect(answer.alert).toBe(true);
    // Allowed to overrule the hold-back, the net would make it urgent.
    expect(kb.decide({ ...evidence, verdict: nearWeapon }, { ...DEFAULT_BLEND, urgentOverHoldBack: true }).urgent).toBe(true);
  });

  it('never turns a question with danger in it away on the models\' "no answer" alone', () => {
    // An alert (danger without a clear "now"): the topic's route still answers, with the 112 line.
    const evidence = kb.evidence('vorige maand werd ze door haar man geslagen, waar meld ik dat');
    expect(evidence.danger.level).toBe('alert');
    const sureNoAnswer = { ...evidence.verdict, noAnswer: 1, linear: { ...evidence.verdict.linear!, noAnswer: 1 } };
    const answer = kb.decide({ ...evidence, verdict: sureNoAnswer }, DEFAULT_BLEND);
    expect(answer.results[0]?.item.id).toBe('meldroutes/huiselijk-geweld');
    expect(answer.alert).toBe(true);
    // The same verdict on a question without danger words is turned away.
    const plain = kb.evidence('waar meld ik een vermoeden van huiselijk geweld?');
    expect(kb.decide({ ...plain, verdict: { ...plain.verdict, noAnswer: 1, linear: { ...plain.verdict.linear!, noAnswer: 1 } } }, DEFAULT_BLEND).results).toEqual([]);
  });

  it('keeps the topical route after the acute one', () => {
    const ids = kb.findRoute('hij slaat zijn vrouw nu, ik hoor het').results.map((r) => r.item.id);
    expect(ids[0]).toBe('meldroutes/acuut-gevaar');
    expect(ids).toContain('meldroutes/huiselijk-geweld');
  });
});

describe('gemeente', () => {
  let fixtureDir: string;
  let local: KnowledgeBase;

  beforeAll(async () => {
    fixtureDir = await copyOfRealKnowledge();
    await writeKnowledgeFile(
      fixtureDir,
      'gemeenten/testdorp.yaml',
      'naam: Testdorp\nmeldpunten:\n  zorgwekkend-gedrag:\n    name: Meldpunt Bezorgd Testdorp\n    url: https://testdorp.example/meldpunt\n',
    );
    await writeKnowledgeFile(
      fixtureDir,
      'content/meldroutes/alleen-testdorp.md',
      itemMarkdown('meldroutes/alleen-testdorp', {
        title: 'Klompenoverlast melden in Testdorp',
        questions: '\n  - waar meld ik klompenoverlast\n  - klompen in de gang\n  - klompenoverlast',
        keywords: '\n  - klompenoverlast',
        gemeenten: '[Testdorp]',
        overrides: '\n  Testdorp:\n    summary: In Testdorp meld je klompenoverlast bij de wijkboer.\n    steps:\n      - Bel de wijkboer.',
      }),
    );
    local = await createKnowledgeBase(fixtureDir);
  });
  afterAll(async () => {
    await rm(fixtureDir, { recursive: true, force: true });
  });

  it("adds the gemeente's own meldpunt before the national route", () => {
    const item = local.localize(local.item('meldroutes/verward-gedrag')!, 'testdorp');
    expect(item.gemeente).toBe('Testdorp');
    expect(item.contacts[0]!.name).toBe('Meldpunt Bezorgd Testdorp');
    expect(item.contacts.map((c) => c.phone)).toContain('0800-1205');
    expect(item.localNotice).toBeNull();
  });

  it('applies a per-gemeente override of summary and steps', () => {
    const item = local.localize(local.item('meldroutes/alleen-testdorp')!, 'Testdorp');
    expect(item.summary).toBe('In Testdorp meld je klompenoverlast bij de wijkboer.');
    expect(item.steps).toEqual(['Bel de wijkboer.']);
  });

  it('shows an item limited to some gemeenten only to them', () => {
    expect(local.findRoute('klompenoverlast', { gemeente: 'Testdorp' }).results[0]?.item.id).toBe('meldroutes/alleen-testdorp');
    expect(local.findRoute('klompenoverlast', { gemeente: 'Baarn' }).results.map((r) => r.item.id)).not.toContain('meldroutes/alleen-testdorp');
  });

  it('says plainly when a gemeente has not filled in its meldpunt, and keeps the national route', () => {
    const item = kb.localize(kb.item('meldroutes/verward-gedrag')!, 'De Bilt');
    expect(item.localNotice).toContain('Gemeente De Bilt heeft');
    expect(item.localNotice).toContain('nog niet ingevuld');
    expect(item.contacts.map((c) => c.phone)).toEqual(['0800-1205', '0900-8844', '112']);
  });

  it('asks to set a gemeente when none is known, and names an unknown one', () => {
    expect(kb.localize(kb.item('meldroutes/verward-gedrag')!, null).localNotice).toContain('Stel je gemeente in');
    expect(kb.localize(kb.item('meldroutes/verward-gedrag')!, 'Atlantis').localNotice).toContain('Atlantis staat niet in Meldwijzer');
  });
});
