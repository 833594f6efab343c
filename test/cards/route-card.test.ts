// The answer card's data, from a hand-made item: contact buttons, the source line, the acute block and the
// alert line, what they leave out, the safety line, review notice, alternatives and the carried urgency.
import { describe, expect, it } from 'vitest';
import { ACUTE_ROUTE_ID, SUICIDE_ROUTE_ID, type Contact, type LocalizedItem } from '../../knowledge/index';
import type { Source } from '../../knowledge/schema';
import {
  CARRIED_URGENCIES,
  carriedUrgency,
  contactButtons,
  fromCarriedUrgency,
  PRIVACY_NOTICE,
  REVIEW_OVERDUE_NOTICE,
  routeCard,
  routeCardData,
  SAFETY_LINE,
  sourceLine,
  URGENT_MAX_CALL_BUTTONS,
  type RouteCardInput,
} from '../../cards/route-card';
import { cardProblems } from '../helpers/card-validation';

const TODAY = { year: 2026, month: 11, day: 23 };

function item(changes: Partial<LocalizedItem> = {}): LocalizedItem {
  return {
    id: 'meldroutes/test',
    type: 'meldroute',
    title: 'Testroute',
    summary: 'Een samenvatting van de testroute.',
    questions: ['vraag een', 'vraag twee', 'vraag drie'],
    keywords: ['test'],
    urgent: false,
    contacts: [{ name: 'Veilig Thuis', phone: '0800-2000', for: 'beide' }],
    steps: ['Bel Veilig Thuis.', 'Leg het vast.'],
    gemeenten: 'all',
    overrides: {},
    source: [{ publisher: 'Veilig Thuis', url: 'https://www.veiligthuis.nl/melden', mark: 'primair' }],
    owner: { role: 'Beheerder', channel: 'Team › Kennisbank' },
    reviewed: '2026-11-01',
    reviewedBy: 'Redacteur',
    reviewBefore: '2027-11-01',
    body: '',
    gemeente: null,
    localContact: null,
    localNotice: null,
    ...changes,
  };
}

const data = (changes: Partial<RouteCardInput> = {}) => routeCardData({ item: item(), urgency: null, today: TODAY, privacyNotice: false, alternatives: [], ...changes });
const urls = (buttons: Array<{ url: string }>) => buttons.map((b) => b.url);
const calls = (buttons: Array<{ url: string }>) => urls(buttons).filter((u) => u.startsWith('tel:'));
const phone = (name: string, number: string): Contact => ({ name, phone: number, for: 'beide' });

describe('contactButtons', () => {
  it('makes a call button with the number first, a website and a mail button', () => {
    const buttons = contactButtons({ name: 'Veilig Thuis', phone: '0800-2000', url: 'https://veiligthuis.nl', email: 'info@veiligthuis.nl', for: 'beide' });
    expect(buttons).toEqual([
      { title: '0800-2000 — Veilig Thuis', url: 'tel:08002000', tooltip: 'Veilig Thuis' },
      { title: 'Website Veilig Thuis', url: 'https://veiligthuis.nl', tooltip: 'Veilig Thuis' },
      { title: 'Mail Veilig Thuis', url: 'mailto:info@veiligthuis.nl', tooltip: 'Veilig Thuis' },
    ]);
  });

  it('does not repeat the number that the name already holds, and keeps a leading + in the link', () => {
    expect(contactButtons(phone('Bel 112 direct', '112'))[0]!.title).toBe('112 — Bel direct');
    expect(contactButtons(phone('112', '112'))[0]!.title).toBe('112');
    expect(contactButtons(phone('Buitenland', '+31 30 123 4567'))[0]!.url).toBe('tel:+31301234567');
  });

  it('uses hours and note as the tooltip', () => {
    const [button] = contactButtons({ name: 'Lijn', phone: '030-1234567', hours: '24/7', note: 'ook anoniem', for: 'beide' });
    expect(button!.tooltip).toBe('24/7 · ook anoniem');
  });
});

describe('sourceLine', () => {
  const source = (publisher: string, changes: Partial<Source> = {}): Source => ({ publisher, url: `https://www.${publisher.toLowerCase().replace(/ /g, '')}.nl/pagina`, mark: 'secundair', ...changes });

  it('names a publisher with a link to its host, without www', () => {
    expect(sourceLine([source('Politie', { mark: 'primair' })])).toBe('Politie — [politie.nl](https://www.politie.nl/pagina)');
  });

  it('puts primary sources first', () => {
    expect(sourceLine([source('Gemeente'), source('Rijksoverheid', { mark: 'primair' })])).toMatch(/^Rijksoverheid .*; Gemeente /);
  });

  it('names a document without public address by its title, and never shows the editors\' section note', () => {
    const line = sourceLine([{ publisher: 'BES-gemeenten', title: 'Uitvoeringsplan 2024-2025', seed: true, mark: 'primair', section: 'p. 3, tabel' }]);
    expect(line).toBe('BES-gemeenten — Uitvoeringsplan 2024-2025');
  });

  it('shows each source once and at most three', () => {
    const line = sourceLine([source('A'), source('A'), source('B'), source('C'), source('D')]);
    expect(line.split('; ').map((p) => p.split(' — ')[0])).toEqual(['A', 'B', 'C']);
  });

  it('keeps Markdown out of the publisher and a ")" or space in a URL from breaking the link', () => {
    const line = sourceLine([{ publisher: '*Vet* [link]', url: 'https://example.nl/a_(b) c', mark: 'primair' }]);
    expect(line).toBe('Vet link — [example.nl](https://example.nl/a_(b%29%20c)');
  });
});

describe('carried urgency', () => {
  it('round-trips every value a card can carry', () => {
    for (const carried of CARRIED_URGENCIES) {
      const { urgency, alert } = fromCarriedUrgency(carried);
      expect(carriedUrgency(urgency, alert)).toBe(carried);
    }
  });

  it('lets urgency win over an alert', () => {
    expect(carriedUrgency('geweld', 'suicide')).toBe('geweld');
    expect(carriedUrgency(null, 'suicide')).toBe('alert-suicide');
    expect(carriedUrgency(null, null)).toBe('');
  });
});

describe('routeCardData', () => {
  it('fills in a plain answer: title, numbered steps, source, Dutch date and no acute block', () => {
    const card = data({ question: 'wat nu' });
    expect(card).toMatchObject({ itemId: 'meldroutes/test', title: 'Testroute', showTitle: true, acute: null, alert: null, collapseSteps: false, reviewed: '1 november 2026', reviewNotice: null, privacyNotice: null, urgencyKind: '', question: 'wat nu' });
    expect(card.steps).toEqual([{ number: 1, text: 'Bel Veilig Thuis.' }, { number: 2, text: 'Leg het vast.' }]);
    expect(card.source).toBe('Veilig Thuis — [veiligthuis.nl](https://www.veiligthuis.nl/melden)');
  });

  it('adds the safety line only when the card gives no 112 otherwise', () => {
    expect(data().safetyLine).toBe(SAFETY_LINE);
    expect(data({ item: item({ contacts: [phone('Alarmnummer', '112')] }) }).safetyLine).toBeNull();
    expect(data({ urgency: 'geweld' }).safetyLine).toBeNull();
    expect(data({ alert: 'geweld' }).safetyLine).toBeNull();
  });

  it('shows the privacy notice when asked', () => {
    expect(data({ privacyNotice: true }).privacyNotice).toBe(PRIVACY_NOTICE);
  });

  it('says so from the item\'s reviewBefore day on, not the day before', () => {
    const dueOn = item({ reviewBefore: '2026-11-23' });
    expect(data({ item: dueOn }).reviewNotice).toBe(REVIEW_OVERDUE_NOTICE);
    expect(data({ item: dueOn, today: { year: 2026, month: 11, day: 22 } }).reviewNotice).toBeNull();
  });

  it('shows each link once', () => {
    const twice = item({ contacts: [phone('Lijn', '0800-2000'), phone('Zelfde lijn', '0800 2000')] });
    expect(calls(data({ item: twice }).contacts)).toEqual(['tel:08002000']);
  });

  describe('urgent', () => {
    it('opens with the acute block, folds the steps away and carries the kind', () => {
      const card = data({ urgency: 'geweld' });
      expect(card.acute?.heading).toBe('Acuut gevaar? Bel 112');
      expect(calls(card.acute!.buttons)).toEqual(['tel:112']);
      expect(card.collapseSteps).toBe(true);
      expect(card.urgencyKind).toBe('geweld');
      expect(card.alert).toBeNull();
    });

    it('opens a suicide card with 113 before 112, and leaves out the item\'s own buttons for them (0800-0113 too)', () => {
      const contacts = [phone('113 Zelfmoordpreventie', '113'), phone('Gratis', '0800-0113'), phone('Alarmnummer', '112'), phone('Huisarts', '030-1234567')];
      const card = data({ urgency: 'suicide', item: item({ contacts }) });
      expect(calls(card.acute!.buttons)).toEqual(['tel:113', 'tel:112']);
      expect(calls(card.contacts)).toEqual(['tel:0301234567']);
    });

    it('has no more than three numbers to call in the whole card; websites are not counted', () => {
      const contacts = [phone('A', '030-1111111'), phone('B', '030-2222222'), phone('C', '030-3333333'), { name: 'Site', url: 'https://site.example', for: 'beide' as const }];
      const card = data({ urgency: 'geweld', item: item({ contacts }) });
      expect(card.acute!.buttons.length + calls(card.contacts).length).toBe(URGENT_MAX_CALL_BUTTONS);
      expect(urls(card.contacts)).toContain('https://site.example');
      expect(calls(data({ item: item({ contacts }) }).contacts)).toHaveLength(3);
    });

    it('does not repeat the title of the item the acute heading stands for', () => {
      expect(data({ urgency: 'geweld', item: item({ id: ACUTE_ROUTE_ID }) }).showTitle).toBe(false);
      expect(data({ urgency: 'suicide', item: item({ id: SUICIDE_ROUTE_ID }) }).showTitle).toBe(false);
      expect(data({ urgency: 'suicide', item: item({ id: ACUTE_ROUTE_ID }) }).showTitle).toBe(true);
    });

    it('offers no alternative the acute block already calls, and at most three', () => {
      const alternatives = [ACUTE_ROUTE_ID, 'a/b', SUICIDE_ROUTE_ID, 'c/d', 'e/f', 'g/h'].map((itemId) => ({ itemId, title: itemId }));
      const suicide = data({ urgency: 'suicide', alternatives });
      expect(suicide.alternatives.map((a) => a.itemId)).toEqual(['a/b', 'c/d', 'e/f']);
      expect(suicide.alternativeIds).toBe('a/b,c/d,e/f');
      expect(data({ alternatives }).alternatives.map((a) => a.itemId)).toEqual([ACUTE_ROUTE_ID, 'a/b', SUICIDE_ROUTE_ID]);
    });

    it('ignores an alert beside it', () => {
      const card = data({ urgency: 'medisch', alert: 'suicide' });
      expect(card.alert).toBeNull();
      expect(card.urgencyKind).toBe('medisch');
      expect(card.acute?.text).toMatch(/ambulance/);
    });

    it('opens a missing-person card with 112, not the police\'s 0900 number', () => {
      const card = data({ urgency: 'vermissing' });
      expect(card.acute!.heading).toMatch(/Bel 112$/);
      expect(calls(card.acute!.buttons)).toEqual(['tel:112']);
    });
  });

  describe('alert', () => {
    it('keeps the route and its steps open, and opens with "Bel 112" and its button', () => {
      const card = data({ alert: 'geweld', item: item({ contacts: [phone('Alarmnummer', '112'), phone('Lijn', '030-1234567')] }) });
      expect(card.alert).toEqual({ text: 'Is er nu direct gevaar? Bel 112', buttons: [expect.objectContaining({ url: 'tel:112' })] });
      expect(card.collapseSteps).toBe(false);
      expect(card.showTitle).toBe(true);
      expect(calls(card.contacts)).toEqual(['tel:0301234567']);
      expect(card.urgencyKind).toBe('alert-geweld');
    });

    it('gives 113 for suicide and leaves the item\'s 113 and 0800-0113 buttons out, but not its 112', () => {
      const contacts = [phone('113', '113'), phone('Gratis', '0800-0113'), phone('Alarmnummer', '112')];
      const card = data({ alert: 'suicide', item: item({ contacts }) });
      expect(card.alert!.text).toBe('Is er nu direct gevaar? Bel 113 — bij levensgevaar 112');
      expect(calls(card.alert!.buttons)).toEqual(['tel:113']);
      expect(calls(card.contacts)).toEqual(['tel:112']);
      expect(card.urgencyKind).toBe('alert-suicide');
    });
  });
});

describe('routeCard', () => {
  it('renders a valid Adaptive Card for every urgency and alert', () => {
    for (const urgency of [null, 'geweld', 'suicide', 'medisch', 'vermissing'] as const) {
      for (const alert of [null, 'geweld', 'suicide'] as const) {
        const card = routeCard({ item: item(), urgency, alert, today: TODAY, privacyNotice: true, alternatives: [{ itemId: 'a/b', title: 'Ander' }] });
        expect(cardProblems(card), `${urgency} ${alert}`).toEqual([]);
      }
    }
  });
});
