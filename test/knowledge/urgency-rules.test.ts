// Urgency that generalises: every rule in knowledge/urgency-rules.yaml proves itself on its own example
// questions, and the knowledge base puts 112/113 first for acute danger, an alert line for a danger word
// without a clear "now", and nothing for a question about a topic.
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ContentError, DEFAULT_KNOWLEDGE_DIR, loadKnowledgeFiles, type KnowledgeBase } from '../../knowledge/index';
import { UrgencyRules, urgencyRulesSchema, wordForms } from '../../knowledge/urgency';
import { copyOfRealKnowledge, writeKnowledgeFile, realKnowledgeBase } from '../helpers/knowledge-fixture';

// Read at collection time, so every rule becomes a test of its own.
const file = urgencyRulesSchema.parse(parseYaml(readFileSync(path.join(DEFAULT_KNOWLEDGE_DIR, 'urgency-rules.yaml'), 'utf8')));
const rules = new UrgencyRules(file);
let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await realKnowledgeBase();
});

const ids = (question: string) => kb.findRoute(question).results.map((r) => r.item.id);

describe('every urgency rule', () => {
  it.each(file.rules.map((rule) => [rule.id, rule] as const))('%s fires on its examples at its level, and not on its counter-examples', (id, rule) => {
    const firesAtLevel = (question: string) => rules.detect(question).fired.some((f) => f.id === id && f.level === rule.level);
    for (const example of rule.examples) expect(firesAtLevel(example), `example: "${example}"`).toBe(true);
    for (const counter of rule.counterExamples) expect(firesAtLevel(counter), `counter-example: "${counter}"`).toBe(false);
  });

  it('has urgent and alert rules for every kind', () => {
    for (const kind of ['suicide', 'geweld', 'medisch', 'vermissing'] as const) {
      expect(file.rules.some((r) => r.kind === kind && r.level === 'urgent'), kind).toBe(true);
    }
    for (const kind of ['suicide', 'geweld', 'vermissing'] as const) {
      expect(file.rules.some((r) => r.kind === kind && r.level === 'alert'), kind).toBe(true);
    }
  });

  it('keeps counter-examples of urgent rules out of urgent altogether (no other rule makes them so)', () => {
    for (const rule of file.rules.filter((r) => r.level === 'urgent')) {
      for (const counter of rule.counterExamples) expect(rules.detect(counter).level, `${rule.id}: "${counter}"`).not.toBe('urgent');
    }
  });

  it('sends urgent questions to items that exist', () => {
    for (const { routes } of file.kinds) for (const id of routes) expect(kb.item(id), id).toBeDefined();
    for (const rule of file.rules.filter((r) => r.route)) expect(kb.item(rule.route!), rule.route).toBeDefined();
  });
});

describe('matching words as staff type them', () => {
  it('knows the inflections of a verb and of a noun', () => {
    expect(wordForms('vermoorden').all).toEqual(expect.arrayContaining(['vermoord', 'vermoordt', 'vermoordde', 'vermoorden']));
    expect(wordForms('steken').all).toEqual(expect.arrayContaining(['steek', 'steekt', 'steken']));
    expect(wordForms('mes').all).toEqual(expect.arrayContaining(['messen', 'mesje']));
    expect(wordForms('een').all).toEqual(['een']);
  });

  it.each([
    ['any person and tense', 'ze zeiden dat ze hem gingen vermoorden'],
    ['a separable verb, split', 'hij zegt dat hij haar vanavond afmaakt'],
    ['a separable verb, in a subordinate clause', 'de man roept dat hij zijn buurman dood gaat maken'],
    ['a compound', 'er staat iemand met een vlindermes bij het loket'],
    ['a typo', 'klant dreigd met een pistol'],
    ['chat spelling', 'ik hoor de buurvrouw gillen en ie slaat r nu'],
  ])('finds acute danger in %s: "%s"', (_label, question) => {
    expect(rules.detect(question).level).toBe('urgent');
  });

  it('keeps a pattern within one part of the sentence: "… weg, moet ik …" is no "moet ~ weg"', () => {
    expect(rules.detect('een jongen van tien is al twee uur weg, moet ik de school bellen?').level).toBe('urgent');
  });

  it('reads "$" as the end of a clause: "ik kan niet meer", not "kan niet meer betalen"', () => {
    expect(rules.detect('ze zegt aan de telefoon: ik kan niet meer, ik neem afscheid').level).toBe('urgent');
    expect(rules.detect('hij kan niet meer betalen en neemt afscheid van zijn auto').level).toBeNull();
  });

  it('reads "geen" as negating the noun right after it, not a threat further on', () => {
    expect(rules.detect('de klant heeft geen groot mes').level).not.toBe('urgent');
    expect(rules.detect('hij roept tegen me: als ik geen uitkering krijg steek ik je neer').level).toBe('urgent');
  });

  it.each([
    ['a caller on the way', 'een man bedreigt mijn collega aan de telefoon en is er over een kwartier'],
    ['what a caller smells', 'tijdens het huisbezoek ruik ik een sterke gaslucht en de bewoner is suf'],
    ['a question in English', 'a visitor has a knife at reception right now'],
    ['a person on the tracks', 'een vrouw loopt over het spoor bij het station en neemt niet op'],
  ])('finds acute danger in %s: "%s"', (_label, question) => {
    expect(rules.detect(question).level).toBe('urgent');
  });

  it('reads a weekday gone by and "gister" as distance', () => {
    expect(rules.detect('een cliënte is afgelopen zondag mishandeld, nu pas durft ze het te vertellen').level).toBe('alert');
    expect(rules.detect('een beller zei gister dat hij me komt pakken').level).toBe('alert');
  });

  it('does not read a common word as a typo of a danger word', () => {
    for (const question of ['er komen de hele dag mensen langs', 'een man moet vannacht op straat slapen', 'meest gestelde vragen over schulden']) {
      expect(kb.findRoute(question).urgent, question).toBe(false);
    }
  });
});

describe('urgent, alert or neither, through findRoute', () => {
  it.each([
    ['klant dreigt zichzelf iets aan te doen', 'suicide', 'meldroutes/suicide'],
    ['meisje snijdt zichzelf in de armen', 'suicide', 'meldroutes/suicide'],
    ['een cliënt aan de balie praat over zelfmoord', 'suicide', 'meldroutes/suicide'],
    ['hij zegt dat hij zijn ex gaat vermoorden', 'geweld', 'meldroutes/acuut-gevaar'],
    ['zij heeft gezegd dat ze hem zal doodmaken', 'geweld', 'meldroutes/acuut-gevaar'],
    ['ik hoor gegil en gebonk bij de buren', 'geweld', 'meldroutes/acuut-gevaar'],
    ['op dit moment hoor ik geschreeuw door de telefoon', 'geweld', 'meldroutes/acuut-gevaar'],
    ['een bezoeker bedreigt de receptionist met een schaar', 'geweld', 'meldroutes/acuut-gevaar'],
    ['hij zwaait met een kapotte fles', 'geweld', 'meldroutes/acuut-gevaar'],
    ['ze houdt een aansteker bij de gordijnen en dreigt alles in de fik te steken', 'geweld', 'meldroutes/acuut-gevaar'],
    ['een man is in elkaar gezakt en reageert niet', 'medisch', 'meldroutes/acuut-gevaar'],
    ['mijn collega ademt niet meer', 'medisch', 'meldroutes/acuut-gevaar'],
    ['een jongen heeft net een overdosis genomen', 'medisch', 'meldroutes/acuut-gevaar'],
    ['kind is vermist', 'vermissing', 'meldroutes/vermissing'],
    ['een demente bewoner is sinds vanochtend zoek', 'vermissing', 'meldroutes/vermissing'],
  ])('"%s" is urgent (%s) and %s comes first', (question, kind, first) => {
    const answer = kb.findRoute(question);
    expect(answer).toMatchObject({ urgent: true, urgency: kind, alert: false });
    expect(answer.results[0]?.item.id).toBe(first);
  });

  it('puts 113 first and 112 second for suicide, and 112 right after a missing person', () => {
    expect(ids('mijn cliënt zegt dat hij vanavond een eind aan zijn leven maakt').slice(0, 2)).toEqual(['meldroutes/suicide', 'meldroutes/acuut-gevaar']);
    expect(ids('het zoontje van een klant is kwijt').slice(0, 2)).toEqual(['meldroutes/vermissing', 'meldroutes/acuut-gevaar']);
  });

  it.each([
    ['geen acuut gevaar, maar een vrouw wordt thuis geslagen', 'geweld'],
    ['het is niet acuut: een klant heeft een mes laten zien', 'geweld'],
    ['vorige maand werd ze geslagen', 'geweld'],
    ['hoe werkt het protocol bij een wapen', 'geweld'],
    ['een klant dreigde vorig jaar mijn collega te vermoorden, moeten we dat nog registreren', 'geweld'],
    ['hoe ga ik om met een cliënt die over suïcide praat', 'suicide'],
    ['mijn cliënt heeft zichzelf vroeger beschadigd', 'suicide'],
    ['welke stappen zet ik als een kind vermist raakt, voor de werkinstructie', 'vermissing'],
  ])('"%s" is not urgent, but an alert (%s): negation, distance and procedure', (question, kind) => {
    expect(kb.findRoute(question)).toMatchObject({ urgent: false, urgency: null, alert: true, alertKind: kind });
  });

  it.each(['waar meld ik een vermoeden van huiselijk geweld', 'wat is het nummer van veilig thuis', 'een huurder dreigt zijn huis kwijt te raken', 'mag ik zonder toestemming melden bij Veilig Thuis'])(
    '"%s" is neither urgent nor an alert',
    (question) => {
      expect(kb.findRoute(question)).toMatchObject({ urgent: false, alert: false });
    },
  );

  it('keeps the alerted topic on its own route, and a missing person on meldroutes/vermissing', () => {
    const past = kb.findRoute('vorige maand werd mijn cliënte door haar man geslagen, waar meld ik dat');
    expect(past).toMatchObject({ urgent: false, alert: true });
    expect(past.results[0]?.item.id).toBe('meldroutes/huiselijk-geweld');
    expect(ids('hoe meld ik een vermissing van een oudere met dementie, het is voor ons protocol')[0]).toBe('meldroutes/vermissing');
  });
});

describe('a question with two needs', () => {
  it('answers the urgent one first and keeps the other for "Bedoelde je …?"', () => {
    const answer = kb.findRoute('klant praat aan de telefoon over zelfmoord');
    expect(answer.urgent).toBe(true);
    const found = answer.results.map((r) => r.item.id);
    expect(found.slice(0, 2)).toEqual(['meldroutes/suicide', 'meldroutes/acuut-gevaar']);
    expect(found.slice(2)).toContain('agressieprotocol/telefoon-en-online');
  });

  it('does not take a word for the wrong route: a missing child is no huiselijk geweld, an ex is no ex-gedetineerde', () => {
    expect(ids('kind is vermist')[0]).toBe('meldroutes/vermissing');
    expect(ids('kind is vermist')).not.toContain('meldroutes/huiselijk-geweld');
    expect(ids('hij zegt dat hij zijn ex gaat vermoorden')).not.toContain('meldroutes/nazorg-ex-gedetineerden');
  });
});

describe('the rules file', () => {
  let dir: string;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('refuses a rule that names a group that does not exist, naming the file and the field', async () => {
    dir = await copyOfRealKnowledge();
    const kinds = ['suicide', 'geweld', 'medisch', 'vermissing'].map((kind) => `  - { kind: ${kind}, routes: [meldroutes/acuut-gevaar] }`);
    const rule = '  - { id: test, kind: geweld, level: urgent, all: [wapens], examples: [hij heeft een mes] }';
    await writeKnowledgeFile(dir, 'urgency-rules.yaml', ['kinds:', ...kinds, 'now: nu', 'groups:', '  nu: [=nu]', 'rules:', rule].join('\n'));
    const error = await loadKnowledgeFiles(dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).file).toMatch(/urgency-rules\.yaml$/);
    expect((error as ContentError).field).toBe('rules.0.all.0');
    expect((error as ContentError).message).toContain("groep 'wapens' bestaat niet");
  });
});
