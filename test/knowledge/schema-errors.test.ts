// A content editor who breaks a file learns which file, which field and why.
import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { ContentError, loadKnowledgeFiles } from '../../knowledge/index';
import { copyOfRealKnowledge, itemMarkdown, writeKnowledgeFile } from '../helpers/knowledge-fixture';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function loadWith(relative: string, text: string): Promise<ContentError> {
  dir = await copyOfRealKnowledge();
  await writeKnowledgeFile(dir, relative, text);
  const error = await loadKnowledgeFiles(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ContentError);
  return error as ContentError;
}

describe('loading content with a mistake in it', () => {
  it('names the file and the field when a required field is missing', async () => {
    const error = await loadWith('content/meldroutes/test.md', itemMarkdown('meldroutes/test', { summary: undefined }));
    expect(error.file).toBe('meldroutes/test.md');
    expect(error.field).toBe('summary');
    expect(error.message).toContain('meldroutes/test.md');
  });

  it('refuses an unknown type and says which field', async () => {
    const error = await loadWith('content/meldroutes/test.md', itemMarkdown('meldroutes/test', { type: 'folder' }));
    expect(error.field).toBe('type');
  });

  it('refuses an id that differs from the path', async () => {
    const error = await loadWith('content/meldroutes/test.md', itemMarkdown('meldroutes/anders'));
    expect(error.field).toBe('id');
    expect(error.reason).toContain("'meldroutes/test'");
  });

  it('refuses a malformed phone number inside a contact', async () => {
    const contacts = '\n  - name: Testlijn\n    phone: "bel ons"\n    for: beide';
    const error = await loadWith('content/meldroutes/test.md', itemMarkdown('meldroutes/test', { contacts }));
    expect(error.field).toBe('contacts.0.phone');
  });

  it('reports broken YAML and a missing frontmatter block', async () => {
    expect((await loadWith('content/meldroutes/test.md', '---\ntitle: [open\n---\n')).field).toBe('(yaml)');
    expect((await loadWith('content/meldroutes/test.md', 'Alleen tekst.\n')).field).toBe('(frontmatter)');
  });

  it('refuses a gemeente file with an unknown meldpunt', async () => {
    const error = await loadWith('gemeenten/testdorp.yaml', 'naam: Testdorp\nmeldpunten:\n  onbekend: null\n');
    expect(error.file).toBe('gemeenten/testdorp.yaml');
    expect(error.field).toBe('meldpunten.onbekend');
  });
});
