// The "Vraag een collega" cards render from their templates into valid Adaptive Cards 1.5, alone and
// under the route and no-answer cards, and show what people typed literally.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  askColleagueSection,
  colleagueAnswerCard,
  expertQuestionCard,
  withAskColleague,
  ASK_QUESTION_MAX,
  EXPERT_ANSWER_MAX,
  type AskColleagueSection,
} from '../../cards/expert-cards';
import { noAnswerCard } from '../../cards/other-cards';
import type { AdaptiveCard } from '../../cards/render';
import { routeCard } from '../../cards/route-card';
import { type KnowledgeBase } from '../../knowledge/index';
import { cardProblems } from '../helpers/card-validation';
import { cardTexts, findInCard as find } from '../helpers/bot-harness';
import { realKnowledgeBase } from '../helpers/knowledge-fixture';

/** The bot's clock date for route cards (every item is within its reviewBefore then). */
const TODAY = { year: 2026, month: 11, day: 23 };
let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await realKnowledgeBase();
});

const FORM_ID = '6f1c2b8e-2d4a-4c1e-9a77-0b5c6d7e8f90';
const routeHost = { kind: 'route', itemId: 'meldroutes/huiselijk-geweld', urgency: 'geweld', alternativeIds: 'handelingskaders/meldcode' } as const;
const sections: Array<[string, AskColleagueSection]> = [
  ['form', { kind: 'form', formId: FORM_ID, question: 'buurman belt [telefoonnummer] steeds', host: routeHost }],
  ['form, empty question', { kind: 'form', formId: FORM_ID, question: '', host: { kind: 'geenAntwoord', closestIds: '', urgency: 'alert-suicide' } }],
  ['form with error', { kind: 'form', formId: FORM_ID, question: 'x'.repeat(1200), host: routeHost, error: 'Je vraag is te lang.' }],
  ['who to ask, names', { kind: 'wieVragen', coordinators: ['Alice de Vries', 'Bob Jansen'] }],
  ['who to ask, no names', { kind: 'wieVragen', coordinators: [] }],
  ['sent', { kind: 'verstuurd', question: 'wat doe ik bij [BSN]?', again: false }],
  ['sent again', { kind: 'verstuurd', question: 'wat doe ik?', again: true }],
];

function everyCard(): Array<[string, AdaptiveCard]> {
  const hg = kb.localize(kb.item('meldroutes/huiselijk-geweld')!, 'Baarn');
  const route = routeCard({ today: TODAY, item: hg, urgency: 'geweld', privacyNotice: false, alternatives: [], feedbackGiven: true });
  const none = noAnswerCard({ privacyNotice: true, closest: [{ itemId: 'meldroutes/woonoverlast', title: 'Woonoverlast' }], fallbackContacts: kb.item('meldroutes/acuut-gevaar')!.contacts });
  const at = new Date('2026-11-23T09:05:00Z');
  const view = { questionId: FORM_ID, maskedQuestion: 'cliënt met [BSN] dreigt', gemeente: 'Baarn', itemTitle: 'Huiselijk geweld', claimed: null, answered: null };
  return [
    ...sections.map(([name, section]): [string, AdaptiveCard] => [`section: ${name}`, askColleagueSection(section)]),
    ...sections.map(([name, section]): [string, AdaptiveCard] => [`route + ${name}`, withAskColleague(route, section)]),
    ...sections.map(([name, section]): [string, AdaptiveCard] => [`no answer + ${name}`, withAskColleague(none, section)]),
    ['expert: open', expertQuestionCard(view)],
    ['expert: open, no gemeente or item', expertQuestionCard({ ...view, gemeente: null, itemTitle: null })],
    ['expert: claimed', expertQuestionCard({ ...view, claimed: { name: 'Bob', at } })],
    ['expert: answer too long', expertQuestionCard({ ...view, notice: 'Je antwoord is te lang.', draftAnswer: 'y'.repeat(2100) })],
    ['expert: answered', expertQuestionCard({ ...view, claimed: { name: 'Bob', at }, answered: { name: null, at, maskedAnswer: 'Bel Veilig Thuis.' } })],
    ['expert: answered twice', expertQuestionCard({ ...view, answered: { name: 'Bob', at, maskedAnswer: 'a' }, notice: 'Al beantwoord.', rejectedAnswer: 'b' })],
    ['answer to the asker', colleagueAnswerCard({ maskedQuestion: 'vraag', maskedAnswer: 'antwoord', answeredBy: 'Bob', answeredAt: at, itemTitle: 'Huiselijk geweld' })],
    ['answer to the asker, no item', colleagueAnswerCard({ maskedQuestion: 'vraag', maskedAnswer: 'antwoord', answeredBy: null, answeredAt: at, itemTitle: null })],
  ];
}

describe('Vraag een collega cards', () => {
  it('render into valid Adaptive Cards 1.5 with no template expression left, every Action.Execute with a verb', () => {
    for (const [name, card] of everyCard()) {
      expect(card.version, name).toBe('1.5');
      expect(JSON.stringify(card), name).not.toContain('${');
      expect(cardProblems(card), name).toEqual([]);
      for (const action of find(card, (o) => o.type === 'Action.Execute')) expect(action.verb, name).toMatch(/^\w+$/);
    }
  });

  it('prefill the form with the masked question, limit its length and say before sending who reads it', () => {
    const card = askColleagueSection(sections[0]![1]);
    const [input] = find(card, (o) => o.type === 'Input.Text');
    expect(input).toMatchObject({ id: 'vraag', isMultiline: true, maxLength: ASK_QUESTION_MAX, value: 'buurman belt [telefoonnummer] steeds', label: 'Wat zocht je?' });
    expect(cardTexts(card).join(' ')).toContain("Collega's in het expertskanaal");
    const [send] = find(card, (o) => o.type === 'Action.Execute');
    expect(send).toMatchObject({ verb: 'vraagCollega', data: { formId: FORM_ID, host: 'route', itemId: 'meldroutes/huiselijk-geweld', urgency: 'geweld' } });
  });

  it('offer no form without an experts channel, but whom to ask', () => {
    const named = askColleagueSection({ kind: 'wieVragen', coordinators: ['Alice de Vries', 'Bob Jansen', 'Carla Smit'] });
    expect(find(named, (o) => o.type === 'Input.Text' || o.type === 'Action.Execute')).toEqual([]);
    expect(cardTexts(named).join(' ')).toContain('Vraag het een coördinator: Alice de Vries, Bob Jansen of Carla Smit.');
    expect(cardTexts(askColleagueSection({ kind: 'wieVragen', coordinators: [] })).join(' ')).toContain('een coördinator van de werkgroep Zorg & Veiligheid');
  });

  it('give the experts a claim button and an answer form until the question is answered', () => {
    const view = { questionId: FORM_ID, maskedQuestion: 'q', gemeente: null, itemTitle: null, claimed: null, answered: null };
    const open = expertQuestionCard(view);
    expect(find(open, (o) => o.verb === 'expertOppakken')).toHaveLength(1);
    const [answerInput] = find(open, (o) => o.type === 'Input.Text');
    expect(answerInput).toMatchObject({ id: 'antwoord', isMultiline: true, maxLength: EXPERT_ANSWER_MAX });
    const claimed = expertQuestionCard({ ...view, claimed: { name: 'Bob', at: new Date() } });
    expect(find(claimed, (o) => o.verb === 'expertOppakken')).toEqual([]);
    expect(find(claimed, (o) => o.verb === 'expertBeantwoorden')).toHaveLength(1);
    const answered = expertQuestionCard({ ...view, answered: { name: 'Bob', at: new Date(), maskedAnswer: 'a' } });
    expect(answered.actions ?? []).toEqual([]);
    expect(cardTexts(answered).some((t) => t.startsWith('Beantwoord door Bob'))).toBe(true);
  });

  it('show typed text literally: template expressions and Markdown are not evaluated', () => {
    const hostile = '${1+1} ${$root.notice} **vet** [link](https://example.com) <b>x</b>';
    const view = { questionId: FORM_ID, maskedQuestion: hostile, gemeente: null, itemTitle: null, claimed: null, answered: { name: 'Bob', at: new Date(), maskedAnswer: hostile } };
    const texts = find(expertQuestionCard(view), (o) => o.type === 'TextRun').map((r) => r.text);
    expect(texts.filter((t) => t === hostile)).toHaveLength(2);
    const form = askColleagueSection({ kind: 'form', formId: FORM_ID, question: hostile, host: routeHost });
    expect(find(form, (o) => o.type === 'Input.Text')[0]!.value).toBe(hostile);
    const answer = colleagueAnswerCard({ maskedQuestion: hostile, maskedAnswer: hostile, answeredBy: 'Bob', answeredAt: new Date(), itemTitle: null });
    expect(find(answer, (o) => o.type === 'TextRun').filter((r) => r.text === hostile)).toHaveLength(2);
  });
});
