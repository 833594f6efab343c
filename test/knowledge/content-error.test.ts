// ContentError: names file, field and reason so a content editor can fix a file without reading code.
import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { ContentError, contentErrorFromIssues } from '../../knowledge/content-error';

describe('ContentError', () => {
  it('names the file, the field and the reason in its message and its properties', () => {
    const error = new ContentError('meldroutes/x.md', 'title', 'te kort');
    expect(error.message).toBe("meldroutes/x.md: veld 'title': te kort");
    expect(error).toMatchObject({ file: 'meldroutes/x.md', field: 'title', reason: 'te kort', code: 'CONTENT_INVALID', name: 'ContentError' });
    expect(error).toBeInstanceOf(Error);
  });
});

describe('contentErrorFromIssues', () => {
  it('takes the first issue\'s path as a dotted field, numbers included', () => {
    const error = contentErrorFromIssues('planning/plan.yaml', [{ path: ['gemeenten', 2, 'mijlpalen', 0, 'quarter'], message: 'ongeldig kwartaal' }]);
    expect(error.field).toBe('gemeenten.2.mijlpalen.0.quarter');
    expect(error.reason).toBe('ongeldig kwartaal');
    expect(error.file).toBe('planning/plan.yaml');
  });

  it('names the whole file when the issue has no path', () => {
    expect(contentErrorFromIssues('f.yaml', [{ path: [], message: 'verwacht een object' }]).field).toBe('(bestand)');
  });

  it('counts the other issues, in Dutch singular and plural', () => {
    const issue = { path: ['a'], message: 'fout' };
    expect(contentErrorFromIssues('f', [issue]).reason).toBe('fout');
    expect(contentErrorFromIssues('f', [issue, issue]).reason).toBe('fout (en 1 andere fout)');
    expect(contentErrorFromIssues('f', [issue, issue, issue]).reason).toBe('fout (en 2 andere fouten)');
  });

  it('still gives an error without any issue', () => {
    const error = contentErrorFromIssues('f', []);
    expect(error.field).toBe('(bestand)');
    expect(error.reason).toBe('ongeldig');
  });

  it('reads zod\'s own issues (symbol keys too)', () => {
    const result = z.object({ naam: z.string().min(2) }).safeParse({ naam: 'x' });
    expect(result.success).toBe(false);
    const error = contentErrorFromIssues('gemeenten/baarn.yaml', result.error!.issues);
    expect(error.field).toBe('naam');
    expect(error.message).toMatch(/^gemeenten\/baarn\.yaml: veld 'naam': /);
    expect(contentErrorFromIssues('f', [{ path: [Symbol('k')], message: 'm' }]).field).toBe('Symbol(k)');
  });
});
