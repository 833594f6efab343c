// What a beheerder may enter as a gemeente's meldpunt: Dutch phone numbers, https addresses, and
// always the bron where it was checked. The first problem names its field.
import { describe, expect, it } from 'vitest';
import { isDutchPhoneNumber, validateMeldpuntInput } from '../../knowledge/meldpunt-input';

describe('isDutchPhoneNumber', () => {
  it.each(['112', '0800-2000', '0800 1205', '0900-8844', '088-1234567', '035-1234567', '0346 123456', '06-12345678', '+31 35 123 4567', '(035) 123 45 67', '0031 35 1234567'])('accepts %s', (n) => {
    expect(isDutchPhoneNumber(n)).toBe(true);
  });
  it.each(['12345', '035-123456', '+32 2 123 45 67', '0800-12', 'bel mij', '00351234567'])('refuses %s', (n) => {
    expect(isDutchPhoneNumber(n)).toBe(false);
  });
});

describe('validateMeldpuntInput', () => {
  const valid = { naam: 'Meldpunt zorg', telefoon: '035-1234567', url: '', email: '', openingstijden: '', bron: 'https://www.baarn.nl/contact' };
  it('accepts a complete entry and maps it to a meldpunt with its bron', () => {
    expect(validateMeldpuntInput(valid)).toEqual({ ok: true, meldpunt: { name: 'Meldpunt zorg', phone: '035-1234567', url: undefined, email: undefined, hours: undefined, bron: 'https://www.baarn.nl/contact' } });
  });
  it.each([
    [{ ...valid, telefoon: '12345' }, 'telefoon'],
    [{ ...valid, url: 'http://www.baarn.nl' }, 'url'],
    [{ ...valid, email: 'geen-mail' }, 'email'],
    [{ ...valid, bron: '' }, 'bron'],
    [{ ...valid, bron: 'http://www.baarn.nl' }, 'bron'],
    [{ ...valid, naam: '' }, 'naam'],
    [{ ...valid, telefoon: '' }, 'telefoon'],
  ])('refuses %j naming %s', (input, field) => {
    const result = validateMeldpuntInput(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.field).toBe(field);
  });
});
