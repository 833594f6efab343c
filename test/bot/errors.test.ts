// The error catalogue: every refusal and failure has its own code and one Dutch sentence.
import { describe, expect, it } from 'vitest';
import { ERRORS, errorWith } from '../../bot/errors';

describe('the error catalogue', () => {
  it('gives every entry its own key as code', () => {
    for (const [key, error] of Object.entries(ERRORS)) expect(error.code, key).toBe(key);
  });

  it('says each refusal in one sentence of its own', () => {
    const texts = Object.values(ERRORS).map((e) => e.text);
    expect(new Set(texts).size).toBe(texts.length);
    for (const text of texts) expect(text).toMatch(/^[A-Z"].*[.…]$/);
  });

  it('gives the HTTP edge a status with every edge error', () => {
    const edge = [ERRORS.LOCAL_MODE_REMOTE_PEER, ERRORS.UNSUPPORTED_MEDIA_TYPE, ERRORS.BAD_SERVICE_URL, ERRORS.UNAUTHORIZED, ERRORS.TEMPORARILY_UNAVAILABLE, ERRORS.INTERNAL_ERROR];
    expect(edge.map((e) => e.status)).toEqual([403, 415, 400, 401, 503, 500]);
  });

  it('names who may change meldpunten, and how many questions an hour allows', () => {
    expect(errorWith.notABeheerder('Baarn', ['Bob Jansen'])).toEqual({
      code: 'NOT_A_BEHEERDER',
      text: 'Alleen de beheerders van Baarn (Bob Jansen) en de coördinatoren kunnen de meldpunten van Baarn wijzigen. Een coördinator wijst beheerders aan met: beheerder toevoegen Baarn @naam.',
    });
    expect(errorWith.notABeheerder('De Bilt', []).text).toContain('Alleen een beheerder van De Bilt (nog niet aangewezen)');
    expect(errorWith.tooManyQuestions(10)).toMatchObject({ code: 'TOO_MANY_QUESTIONS', text: expect.stringContaining('al 10 vragen') });
    expect(errorWith.questionTooLong(2_345, 2_000)).toMatchObject({ code: 'QUESTION_TOO_LONG', text: expect.stringMatching(/^Is er acuut gevaar\? Bel 112\. .*2\.345 tekens.*2\.000/) });
  });
});
