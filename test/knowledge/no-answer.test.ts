// Questions Meldwijzer should not answer, and routes it once got wrong. A wrong route is worse than
// none: the no-answer card still shows the national fallbacks and "Vraag een collega".
import { beforeAll, describe, expect, it } from 'vitest';
import { type KnowledgeBase } from '../../knowledge/index';
import { realKnowledgeBase } from '../helpers/knowledge-fixture';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await realKnowledgeBase();
});

const ids = (question: string) => kb.findRoute(question).results.map((r) => r.item.id);

describe('a question outside zorg en veiligheid gets no route', () => {
  it.each([
    // Burgerzaken, belastingen, vergunningen, openbare ruimte
    'inwoner vraagt waar hij een rijbewijs kan omwisselen',
    'een inwoner wil een kapvergunning voor een boom in zijn tuin',
    'inwoner vraagt of de gemeente zijn huis wil taxeren',
    'wanneer komt de glasbak weer leeg',
    'hoe verleng ik de parkeerkaart van een bezoeker',
    'inwoner wil een uittreksel van het bevolkingsregister',
    'hoeveel kost het om te trouwen op vrijdag',
    'waar kan ik een evenementenvergunning aanvragen',
    'inwoner klaagt dat de bus te laat was',
    'een inwoner wil weten hoeveel afvalstoffenheffing hij betaalt',
    'waar kan een inwoner een gevonden portemonnee afgeven',
    'inwoner vraagt hoe hij zijn naam kan laten wijzigen',
    'hoe maak ik een afspraak voor een nieuw paspoort',
    // Werk, ICT en facilitair
    'hoe zet ik een automatisch antwoord aan in mijn mail',
    'wat zijn de openingstijden van de milieustraat op zaterdag',
    'kan ik mijn vakantie nog verschuiven naar augustus',
    'hoe boek ik een training via de academie',
    'waar staat het formulier voor een declaratie van overuren',
    'mijn beeldscherm flikkert',
    'wat is het wifi wachtwoord voor gasten',
    'kunnen we een taart bestellen voor het afscheid van een collega',
    'hoe vraag ik een nieuwe pas voor de garage aan',
    'wie regelt de kerstborrel dit jaar',
    'wat is het telefoonnummer van de ICT servicedesk',
  ])('"%s"', (question) => {
    const answer = kb.findRoute(question);
    expect(answer.results).toEqual([]);
    expect(answer.urgent).toBe(false);
  });
});

describe('routes that once went wrong', () => {
  it('a colleague asking about the canteen, with a name in it, is not sent to schuldhulpverlening', () => {
    expect(ids('hoe laat gaat de kantine open, vraagt mevrouw Jansen')).toEqual([]);
  });

  it('a salary that was not paid is no huurachterstand', () => {
    expect(ids('mijn salaris is deze maand niet betaald')).toEqual([]);
    expect(ids('wanneer wordt het salaris betaald')).toEqual([]);
  });

  it('an ex-partner is not an ex-gedetineerde', () => {
    for (const question of ['mijn ex blijft me volgen en stuurt elke dag berichten', 'haar ex wacht haar steeds op na haar werk']) {
      expect(ids(question)[0], question).toBe('meldroutes/stalking');
    }
    expect(ids('een ex-gedetineerde komt volgende week terug in de wijk')[0]).toBe('meldroutes/nazorg-ex-gedetineerden');
  });

  it('an addiction is a worry about a person, not a debt', () => {
    expect(ids('klant heeft een alcoholverslaving en komt dronken op zijn afspraak')[0]).toBe('meldroutes/zorgwekkend-gedrag');
    expect(ids('klant heeft een alcoholverslaving en komt dronken op zijn afspraak')).not.toContain('huurachterstanden/schuldhulpverlening');
  });

  it('a missing child is a vermissing, not huiselijk geweld', () => {
    const found = ids('kind is vermist');
    expect(found.slice(0, 2)).toContain('meldroutes/vermissing');
    expect(found[0]).not.toBe('meldroutes/huiselijk-geweld');
  });

  it('a setting word alone does not choose the route: "aan de balie" about homelessness', () => {
    expect(ids('een man aan de balie heeft vannacht nergens om te slapen')[0]).toBe('meldroutes/dakloosheid');
  });
});
