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

  it('refuses an item without a contact, so no card can be a dead end', async () => {
    const error = await loadWith('content/meldroutes/test.md', itemMarkdown('meldroutes/test', { contacts: '[]' }));
    expect(error.field).toBe('contacts');
    const onlyMail = '\n  - name: Alleen een mailadres\n    email: meldpunt@testdorp.example\n    for: beide';
    const mailError = await loadWith('content/meldroutes/test.md', itemMarkdown('meldroutes/test', { contacts: onlyMail }));
    expect(mailError.field).toBe('contacts');
    expect(mailError.reason).toContain('telefoonnummer of website');
  });

  it('refuses a source without a public address unless it is a seed document with a title', async () => {
    const noUrl = '\n  - publisher: Testuitgever\n    mark: primair';
    expect((await loadWith('content/meldroutes/test.md', itemMarkdown('meldroutes/test', { source: noUrl }))).field).toBe('source.0.url');
    const seedWithoutTitle = '\n  - publisher: Testgemeenten\n    seed: true\n    mark: primair';
    expect((await loadWith('content/meldroutes/test.md', itemMarkdown('meldroutes/test', { source: seedWithoutTitle }))).field).toBe('source.0.title');
  });

  it('refuses an internal file name where a user would read it', async () => {
    const internal = '\n  - publisher: FACTS.md\n    url: https://testuitgever.example/bron\n    mark: primair';
    const error = await loadWith('content/meldroutes/test.md', itemMarkdown('meldroutes/test', { source: internal }));
    expect(error.field).toBe('source.0.publisher');
    expect(error.reason).toContain('geen interne bestandsnaam');
  });

  it('refuses a mark other than primair or secundair, and an owner without a channel', async () => {
    const badMark = '\n  - publisher: Testuitgever\n    url: https://testuitgever.example/bron\n    mark: V';
    expect((await loadWith('content/meldroutes/test.md', itemMarkdown('meldroutes/test', { source: badMark }))).field).toBe('source.0.mark');
    expect((await loadWith('content/meldroutes/test.md', itemMarkdown('meldroutes/test', { owner: '\n  role: Testbeheerder' }))).field).toBe('owner.channel');
  });

  it('refuses a reviewBefore more than 12 months after reviewed, or before it', async () => {
    const late = await loadWith('content/meldroutes/test.md', itemMarkdown('meldroutes/test', { reviewed: '2026-11-23', reviewBefore: '2027-11-24' }));
    expect(late.field).toBe('reviewBefore');
    expect(late.reason).toContain('uiterlijk 2027-11-23');
    const early = await loadWith('content/meldroutes/test.md', itemMarkdown('meldroutes/test', { reviewed: '2026-11-23', reviewBefore: '2026-11-01' }));
    expect(early.field).toBe('reviewBefore');
    expect((await loadWith('content/meldroutes/test.md', itemMarkdown('meldroutes/test', { reviewedBy: undefined }))).field).toBe('reviewedBy');
  });

  it('refuses a gemeente file with an unknown meldpunt', async () => {
    const error = await loadWith('gemeenten/testdorp.yaml', 'naam: Testdorp\nmeldpunten:\n  onbekend: null\n');
    expect(error.file).toBe('gemeenten/testdorp.yaml');
    expect(error.field).toBe('meldpunten.onbekend');
  });
});
