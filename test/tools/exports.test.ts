// The export scripts' output: candidate phrasings per item, and a gemeente's YAML with the meldpunten
// set in Teams written in (comments kept, the file still loads and validates).
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { gemeenteSchema } from '../../knowledge/schema';
import { exportPairings, gemeenteYamlWith } from '../../tools/exports';

const BAARN = `# Lokale meldpunten van gemeente Baarn.
naam: Baarn
meldpunten:
  woonoverlast: null
  agressie: null
`;

describe('exports', () => {
  it('writes stored meldpunten into the gemeente file with their bron, keeping comments and other slots', () => {
    const text = gemeenteYamlWith(BAARN, { woonoverlast: { name: 'Meldpunt woonoverlast', phone: '035-1234567', bron: 'https://www.baarn.nl/contact' } });
    expect(text.startsWith('# Lokale meldpunten van gemeente Baarn.')).toBe(true);
    const parsed = gemeenteSchema.parse(parse(text));
    expect(parsed.meldpunten.woonoverlast).toEqual({ name: 'Meldpunt woonoverlast', phone: '035-1234567', bron: 'https://www.baarn.nl/contact' });
    expect(parsed.meldpunten.agressie).toBeNull();
  });

  it('refuses a gemeente number without its bron when the file is loaded', () => {
    const text = BAARN.replace('woonoverlast: null', 'woonoverlast: { name: Meldpunt, phone: 035-1234567 }');
    expect(gemeenteSchema.safeParse(parse(text)).success).toBe(false);
  });

  it('groups candidate phrasings per item, each once, and skips items that no longer exist', () => {
    const at = new Date();
    const kb = { item: (id: string) => (id === 'meldroutes/woonoverlast' ? ({ id, title: 'Woonoverlast' } as never) : undefined) };
    expect(
      exportPairings(
        [
          { maskedQuestion: 'buren maken herrie', itemId: 'meldroutes/woonoverlast', pairedBy: 'Alice', pairedAt: at },
          { maskedQuestion: 'buren maken herrie', itemId: 'meldroutes/woonoverlast', pairedBy: 'Bob', pairedAt: at },
          { maskedQuestion: 'oud', itemId: 'meldroutes/bestaat-niet', pairedBy: 'Bob', pairedAt: at },
        ],
        kb,
      ),
    ).toEqual({ 'meldroutes/woonoverlast': { titel: 'Woonoverlast', kandidaatVragen: ['buren maken herrie'] } });
  });
});
