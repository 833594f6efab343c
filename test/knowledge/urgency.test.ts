// The urgency matcher's mechanics, on a small hand-made rules file: term syntax (=exact, prefix*, +compound,
// a ~ b, a $, af|maken), word forms, typos, negation, clauses, `except`, unless/distance/now, precedence.
// The real rules' examples are asked by urgency-rules.test.ts.
import { describe, expect, it } from 'vitest';
import { NO_URGENCY, UrgencyRules, urgencyRulesSchema, wordForms, type UrgencyRulesFile } from '../../knowledge/urgency';

const KINDS = [
  { kind: 'medisch', routes: ['r/acuut'] },
  { kind: 'vermissing', routes: ['r/vermissing', 'r/acuut'] },
  { kind: 'suicide', routes: ['r/suicide', 'r/acuut'] },
  { kind: 'geweld', routes: ['r/acuut'] },
];

/** A rules file: the groups and rules given, with the kinds above and "now" as the group `nu`. */
function rulesFile(groups: Record<string, unknown>, rules: Array<Record<string, unknown>>, extra: Record<string, unknown> = {}): unknown {
  return {
    kinds: KINDS,
    now: 'nu',
    groups: { nu: { terms: ['=nu', 'op dit moment'], except: ['wat ~ =nu'] }, ...groups },
    rules: rules.map((r) => ({ kind: 'geweld', level: 'alert', examples: ['voorbeeld'], ...r })),
    ...extra,
  };
}

/** Compiled rules with one alert rule per term list: a question fires rule `t` when it matches the terms. */
function matcher(terms: string[], except?: string[], knownWords?: string[], notTypos?: string[]): (question: string) => boolean {
  const file = urgencyRulesSchema.parse(rulesFile({ t: except ? { terms, except } : terms }, [{ id: 't', all: ['t'] }], notTypos ? { notTypos } : {}));
  const rules = new UrgencyRules(file, knownWords);
  return (question) => rules.detect(question).fired.some((f) => f.id === 't');
}

describe('term syntax', () => {
  it('a plain word matches its inflections: plural and diminutive of a noun', () => {
    const wapen = matcher(['wapen']);
    for (const q of ['een wapen', 'twee wapens', 'een wapentje']) expect(wapen(q), q).toBe(true);
    expect(wapen('wapenstilstand')).toBe(false);
  });

  it('a plain verb matches its present, past and participle', () => {
    const vermoorden = matcher(['vermoorden']);
    for (const q of ['hij wil haar vermoorden', 'hij vermoordt', 'hij vermoordde', 'hij heeft vermoord']) expect(vermoorden(q), q).toBe(true);
    const steken = matcher(['steken']);
    for (const q of ['ik steek', 'hij steekt']) expect(steken(q), q).toBe(true);
  });

  it('=word matches exactly that word', () => {
    const mes = matcher(['=mes']);
    expect(mes('hij heeft een mes')).toBe(true);
    expect(mes('twee messen')).toBe(false);
    expect(mes('een mesje')).toBe(false);
  });

  it('word* matches every word that starts with it', () => {
    const zelfmoord = matcher(['zelfmoord*']);
    expect(zelfmoord('zelfmoordgedachten')).toBe(true);
    expect(zelfmoord('zelfmoord')).toBe(true);
    expect(zelfmoord('zelfdoding')).toBe(false);
  });

  it('+word matches a compound that ends in it, with at least three letters before', () => {
    const mes = matcher(['+mes']);
    expect(mes('een keukenmes')).toBe(true);
    expect(mes('een stanleymesje')).toBe(true);
    expect(mes('een mes')).toBe(false);
    expect(mes('kames')).toBe(false);
  });

  it('a ~ b allows up to three other words between a and b', () => {
    const slaat = matcher(['=slaat ~ =hard']);
    expect(slaat('hij slaat hard')).toBe(true);
    expect(slaat('hij slaat haar heel erg hard')).toBe(true);
    expect(slaat('hij slaat haar heel erg vaak hard')).toBe(false);
    expect(slaat('hard slaat hij')).toBe(false);
  });

  it('a phrase does not reach across punctuation', () => {
    const slaat = matcher(['=slaat ~ =hard']);
    expect(slaat('hij slaat, hard')).toBe(false);
  });

  it('a $ matches only at the end of a clause', () => {
    const kan = matcher(['ik kan niet meer $']);
    expect(kan('ik kan niet meer')).toBe(true);
    expect(kan('ik kan niet meer, help')).toBe(true);
    expect(kan('ik kan niet meer betalen')).toBe(false);
  });

  it('prefix|verb is a separable verb, joined or split', () => {
    const afmaken = matcher(['af|maken']);
    for (const q of ['hij wil hem afmaken', 'hij heeft hem afgemaakt', 'ik maak je af', 'hij maakt hem af', 'hij dreigt hem af te maken', 'dat hij hem af maakt']) {
      expect(afmaken(q), q).toBe(true);
    }
    expect(afmaken('hij maakt het eten')).toBe(false);
  });

  it('folds accents and case in terms and questions alike', () => {
    const suicide = matcher(['Suïcide']);
    expect(suicide('SUICIDE')).toBe(true);
    expect(suicide('suïcide')).toBe(true);
  });
});

describe('typos', () => {
  it('a word of seven letters or more also matches with one letter wrong; a shorter one does not', () => {
    const pistool = matcher(['pistool']);
    expect(pistool('hij heeft een pistoool')).toBe(true);
    expect(pistool('hij heeft een pistol')).toBe(true);
    const wapen = matcher(['wapen']);
    expect(wapen('hij heeft een wapan')).toBe(false);
  });

  it('allows two letters from ten letters on', () => {
    const vermoorden = matcher(['=vermoorden']);
    expect(vermoorden('hij gaat haar vermmoordn')).toBe(true);
    const pistool = matcher(['=pistool']);
    expect(pistool('een pstooll')).toBe(false);
  });

  it('counts a final d, t or dt as the same sound', () => {
    const bedreigd = matcher(['=bedreigd']);
    expect(bedreigd('ik word bedreigt')).toBe(true);
  });

  it('never reads a word of the content or of notTypos as a typo', () => {
    expect(matcher(['=gestoken'])('mijn fiets is gestolen')).toBe(true);
    expect(matcher(['=gestoken'], undefined, ['gestolen'])('mijn fiets is gestolen')).toBe(false);
    expect(matcher(['=gestoken'], undefined, undefined, ['gestolen'])('mijn fiets is gestolen')).toBe(false);
  });

  it('does not correct words with digits', () => {
    expect(matcher(['=pistool'])('pist00l')).toBe(false);
  });
});

describe('negation', () => {
  const mes = matcher(['=mes']);

  it('"geen", "niet", "nooit", "zonder" just before deny the term', () => {
    for (const q of ['hij heeft geen mes', 'zonder mes', 'nooit een mes gezien']) expect(mes(q), q).toBe(false);
    expect(mes('geen idee maar wel een mes')).toBe(true);
  });

  it('"zonder", like "geen", denies only the noun right after it (one word between at most)', () => {
    expect(mes('hij kwam zonder een mes')).toBe(false);
    const buiten = matcher(['=buiten']);
    expect(buiten('ze ging zonder jas naar buiten')).toBe(true);
    expect(buiten('ze bleef zonder buiten te komen')).toBe(false);
  });

  it('a negation more than three words before says nothing', () => {
    expect(mes('niet dat ik weet maar hij had gisteren ook nog een mes')).toBe(true);
    expect(mes('geen a b c mes')).toBe(true);
  });

  it('does not cross a comma or a clause word', () => {
    expect(mes('niet bang, hij heeft een mes')).toBe(true);
    expect(mes('niet bang want mes')).toBe(true);
  });

  it('"niemand" just after, and "nog niet" or "niet meer" ending the clause, deny it too', () => {
    const bedreigt = matcher(['=bedreigt']);
    expect(bedreigt('hij bedreigt niemand')).toBe(false);
    const geslagen = matcher(['=geslagen']);
    expect(geslagen('geslagen heeft hij nog niet')).toBe(false);
    expect(geslagen('ze is geslagen en nu niet meer thuis')).toBe(true);
    const vermist = matcher(['=vermist']);
    expect(vermist('het kind is vermist en nog niet thuis')).toBe(true);
  });

  it('reads chat spelling as the word it stands for ("nie" is niet)', () => {
    expect(mes('ie heeft nie n mes')).toBe(false);
    expect(matcher(['=hij =slaat'])('ie slaat r nu')).toBe(true);
  });
});

describe('except', () => {
  it('a group\'s term does not count inside one of its except phrases', () => {
    const afmaken = matcher(['af|maken'], ['=rapport ~ af|maken']);
    expect(afmaken('ik moet het rapport afmaken')).toBe(false);
    expect(afmaken('ik maak je af')).toBe(true);
  });

  it('excludes only the occurrence that shares a word with the except phrase', () => {
    const nu = matcher(['=nu'], ['wat ~ =nu']);
    expect(nu('wat nu')).toBe(false);
    expect(nu('wat nu, hij staat nu voor de deur')).toBe(true);
  });
});

describe('rules: all, within, unless, distance and now', () => {
  const file = urgencyRulesSchema.parse(
    rulesFile(
      {
        wapen: ['=mes', 'pistool'],
        zelfmoord: ['zelfmoord*'],
        kan: ['ik kan niet meer $'],
        afstand: ['vorige week', '=gisteren'],
        algemeen: ['=protocol'],
        dreigen: ['=dreigt'],
        vermoorden: ['vermoorden'],
        onwel: ['=bewusteloos'],
        weg: ['=vermist'],
        vuur: ['=vuurwapen'],
      },
      [
        { id: 'wapen-nu', level: 'urgent', all: ['wapen', 'nu'], unless: ['algemeen'], distance: ['afstand'] },
        { id: 'wapen', all: ['wapen'] },
        { id: 'zelfmoord', kind: 'suicide', route: 'r/suicide', all: ['zelfmoord'] },
        { id: 'kan', kind: 'suicide', level: 'urgent', all: ['kan'] },
        { id: 'dreigement', all: ['dreigen', 'vermoorden'], within: 4 },
        { id: 'dreigement-later', level: 'urgent', all: ['dreigen'], distance: ['afstand'], nowAnywhere: true },
        { id: 'onwel', kind: 'medisch', level: 'urgent', all: ['onwel'] },
        { id: 'vermist', kind: 'vermissing', route: 'r/vermissing', all: ['weg'] },
        { id: 'inline', all: [['=bom', 'vuur']] },
      ],
    ) as UrgencyRulesFile,
  );
  const rules = new UrgencyRules(file);
  const fired = (q: string) => rules.detect(q).fired.map((f) => `${f.id}:${f.level}`);

  it('fires a rule only when every entry of `all` is in the question', () => {
    expect(rules.detect('hij heeft nu een mes')).toEqual({ level: 'urgent', kind: 'geweld', routes: ['r/acuut'], fired: [{ id: 'wapen-nu', level: 'urgent' }, { id: 'wapen', level: 'alert' }] });
    expect(rules.detect('hij heeft een mes')).toEqual({ level: 'alert', kind: 'geweld', routes: [], fired: [{ id: 'wapen', level: 'alert' }] });
  });

  it('needs the entries in different words', () => {
    const twice = new UrgencyRules(urgencyRulesSchema.parse(rulesFile({}, [{ id: 'twee', all: [['=mes'], ['=mes']] }])));
    expect(twice.detect('een mes').fired).toEqual([]);
    expect(twice.detect('een mes en nog een mes').fired).toEqual([{ id: 'twee', level: 'alert' }]);
  });

  it('a "now" inside an except phrase does not count', () => {
    expect(fired('wat nu met dat mes')).toEqual(['wapen:alert']);
  });

  it('keeps the matches of a rule with `within` close together', () => {
    expect(fired('hij dreigt haar te vermoorden')).toContain('dreigement:alert');
    expect(fired('hij dreigt dat hij ooit iemand anders zal vermoorden')).not.toContain('dreigement:alert');
  });

  it('holds an urgent rule back to an alert with `unless`', () => {
    expect(fired('protocol bij een mes nu')).toEqual(['wapen-nu:alert', 'wapen:alert']);
    expect(rules.detect('protocol bij een mes nu').level).toBe('alert');
  });

  it('holds it back with `distance`, unless a "now" is in the same part of the sentence as its first entry', () => {
    expect(fired('gisteren had hij een mes, nu heeft ze rust')).toContain('wapen-nu:alert');
    expect(fired('gisteren dreigde hij, nu heeft hij een mes')).toContain('wapen-nu:urgent');
  });

  it('with nowAnywhere, a "now" anywhere outweighs the distance', () => {
    expect(fired('vorige week dreigt hij al')).toContain('dreigement-later:alert');
    expect(fired('vorige week dreigt hij al, en nu staat hij voor de deur')).toContain('dreigement-later:urgent');
  });

  it('does not take a negated "now" as now', () => {
    expect(fired('hij heeft een mes, maar niet nu')).toEqual(['wapen:alert']);
    expect(fired('vorige week dreigt hij al, maar niet nu')).toContain('dreigement-later:alert');
  });

  it('lets a list written in place name a group among its terms', () => {
    expect(fired('een bom')).toContain('inline:alert');
    expect(fired('een vuurwapen')).toContain('inline:alert');
    expect(fired('een pistool')).not.toContain('inline:alert');
  });

  it('puts a rule\'s own route first, at the alert level too', () => {
    expect(rules.detect('zelfmoordgedachten')).toMatchObject({ level: 'alert', kind: 'suicide', routes: ['r/suicide'] });
  });

  it('lets the urgent rules decide; the kind listed first in `kinds` gives the numbers, routes without repeats', () => {
    const both = rules.detect('ik kan niet meer. hij heeft nu een mes');
    expect(both.level).toBe('urgent');
    expect(both.kind).toBe('suicide');
    expect(both.routes).toEqual(['r/suicide', 'r/acuut']);
    const medical = rules.detect('hij heeft nu een mes en ligt bewusteloos');
    expect(medical.kind).toBe('medisch');
  });

  it('gives the acute routes only when urgent', () => {
    expect(rules.detect('het kind is vermist')).toMatchObject({ level: 'alert', kind: 'vermissing', routes: ['r/vermissing'] });
  });

  it('answers NO_URGENCY for nothing, empty text or text without danger words', () => {
    for (const q of ['', '   ', '?!', 'waar meld ik huurachterstand']) expect(rules.detect(q)).toEqual(NO_URGENCY);
  });

  it('reads at most 80 words', () => {
    const padding = Array.from({ length: 80 }, () => 'woord').join(' ');
    expect(rules.detect(`${padding} mes`)).toEqual(NO_URGENCY);
    expect(rules.detect(`mes ${padding}`).level).toBe('alert');
  });

  it('exposes the rules as written', () => {
    expect(rules.all.map((r) => r.id)).toEqual(file.rules.map((r) => r.id));
  });
});

describe('wordForms', () => {
  it('gives a noun its plural, diminutive and -e form, doubling a short vowel\'s consonant', () => {
    const { all, common } = wordForms('mes');
    expect(all).toEqual(expect.arrayContaining(['mes', 'messen', 'mesje', 'messe']));
    expect(common).toEqual(['mes', 'messen']);
  });

  it('gives a verb in -en its present, past and participle; no ge- after an unstressed prefix', () => {
    expect(wordForms('steken').all).toEqual(expect.arrayContaining(['steek', 'steekt', 'stekend']));
    expect(wordForms('bedreigen').all).toEqual(expect.arrayContaining(['bedreig', 'bedreigt', 'bedreigde', 'bedreigd']));
    expect(wordForms('bedreigen').all).not.toContain('gebedreigd');
    expect(wordForms('schoppen').all).toEqual(expect.arrayContaining(['schop', 'schopt', 'geschopt']));
    expect(wordForms('leven').all).toContain('leeft');
    expect(wordForms('lezen').all).toContain('leest');
  });

  it('leaves function words and short words as they are ("eens" is no form of "een")', () => {
    expect(wordForms('een')).toEqual({ all: ['een'], common: ['een'] });
    expect(wordForms('nu')).toEqual({ all: ['nu'], common: ['nu'] });
  });
});

describe('urgencyRulesSchema', () => {
  const issues = (data: unknown) => {
    const result = urgencyRulesSchema.safeParse(data);
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  const rule = { id: 'r', all: ['wapen'] };

  it('accepts a valid file and fills in the defaults', () => {
    const file = urgencyRulesSchema.parse(rulesFile({ wapen: ['=mes'] }, [rule]));
    expect(file.rules[0]).toMatchObject({ unless: [], distance: [], nowAnywhere: false, counterExamples: [] });
    expect(file.notTypos).toEqual([]);
  });

  it('names a rule entry or `now` that refers to a group that does not exist', () => {
    expect(issues(rulesFile({}, [rule]))).toEqual(["rules.0.all.0: groep 'wapen' bestaat niet"]);
    expect(issues({ ...(rulesFile({ wapen: ['=mes'] }, [rule]) as object), now: 'straks' })).toEqual(["now: groep 'straks' bestaat niet"]);
  });

  it('refuses a rule id used twice', () => {
    expect(issues(rulesFile({ wapen: ['=mes'] }, [rule, rule]))).toEqual(["rules.1.id: regel 'r' komt twee keer voor"]);
  });

  it('wants every kind exactly once in `kinds`', () => {
    const file = rulesFile({ wapen: ['=mes'] }, [rule]) as { kinds: unknown[] };
    expect(issues({ ...file, kinds: file.kinds.slice(1) })).toEqual(["kinds: soort 'medisch' staat niet precies één keer in kinds"]);
  });

  it('refuses unknown fields and a rule without examples', () => {
    expect(issues(rulesFile({ wapen: ['=mes'] }, [{ ...rule, alle: [] }]))).toHaveLength(1);
    expect(issues(rulesFile({ wapen: ['=mes'] }, [{ ...rule, examples: [] }]))[0]).toMatch(/^rules\.0\.examples: /);
  });
});

describe('word tests kept per word', () => {
  it('a word answers the same in every question, also a misspelt one, and after the cache was emptied', () => {
    const mes = matcher(['mes', 'vermoorden']);
    for (let round = 0; round < 2; round++) {
      expect(mes('hij heeft een mes')).toBe(true);
      expect(mes('hij gaat haar vermoorduh')).toBe(true);
      expect(mes('hij heeft een messenblok gekocht')).toBe(false);
    }
    // More distinct words than the cache keeps (20,000): it is emptied, and still answers the same.
    const junk = Array.from({ length: 21_000 }, (_, i) => `woord${i.toString(36)}x`);
    for (let i = 0; i < junk.length; i += 100) mes(junk.slice(i, i + 100).join(' '));
    expect(mes('hij heeft een mes')).toBe(true);
    expect(mes('hij gaat haar vermoorduh')).toBe(true);
  });
});
