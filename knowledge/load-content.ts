// Reads the knowledge folder from disk and validates every file.
// The only place in knowledge/ that touches the file system.
import { access, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { bronnenSchema, type Bronnen } from './bronnen';
import { ContentError, contentErrorFromIssues } from './content-error';
import { phrasingsFileSchema, type Phrasing } from './phrasings';
import { urgencyRulesSchema, type UrgencyRulesFile } from './urgency';
import {
  frontmatterSchema,
  gemeenteSchema,
  searchTermsSchema,
  type Gemeente,
  type KnowledgeItem,
  type SearchTerms,
} from './schema';

// From the repository root, so the compiled bundle (dist/bot.mjs, also one folder deep) finds it too.
export const DEFAULT_KNOWLEDGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'knowledge');

export interface KnowledgeFiles {
  items: KnowledgeItem[];
  gemeenten: Gemeente[];
  searchTerms: SearchTerms;
  urgencyRules: UrgencyRulesFile;
  /** Labelled staff phrasings for the phrasing model (phrasings.yaml; a folder without it has none). */
  phrasings?: Phrasing[];
}

/** Loads content/, gemeenten/, search-terms.yaml, urgency-rules.yaml and phrasings.yaml under `dir`; throws ContentError on the first bad file. */
export async function loadKnowledgeFiles(dir: string = DEFAULT_KNOWLEDGE_DIR): Promise<KnowledgeFiles> {
  const phrasingsFile = path.join(dir, 'phrasings.yaml');
  const [items, gemeenten, searchTerms, urgencyRules, phrasings] = await Promise.all([
    loadItems(path.join(dir, 'content')),
    loadGemeenten(path.join(dir, 'gemeenten')),
    loadYamlFile(path.join(dir, 'search-terms.yaml'), (data, file) => parseWith(searchTermsSchema, data, file)),
    loadYamlFile(path.join(dir, 'urgency-rules.yaml'), (data, file) => parseWith(urgencyRulesSchema, data, file)),
    // Optional: a knowledge folder without labelled phrasings still answers (lunr and the items' own questions).
    access(phrasingsFile).then(
      () => loadYamlFile(phrasingsFile, (data, file) => parseWith(phrasingsFileSchema, data ?? [], file)),
      () => [],
    ),
  ]);
  return { items, gemeenten, searchTerms, urgencyRules, phrasings };
}

/** The bronnenregister (bronnen.yaml under `dir`), validated; throws ContentError when it is bad. */
export async function loadBronnen(dir: string = DEFAULT_KNOWLEDGE_DIR): Promise<Bronnen> {
  return loadYamlFile(path.join(dir, 'bronnen.yaml'), (data, file) => parseWith(bronnenSchema, data, file));
}

/** The raw text of every content and gemeente file under `dir` (for the bronnen scan), by path under `dir`. */
export async function readContentTexts(dir: string = DEFAULT_KNOWLEDGE_DIR): Promise<Array<{ file: string; text: string }>> {
  const files = [
    ...(await listFiles(path.join(dir, 'content'))).filter((f) => f.endsWith('.md')),
    ...(await listFiles(path.join(dir, 'gemeenten'))).filter((f) => /\.ya?ml$/.test(f)),
  ];
  return Promise.all(files.map(async (file) => ({ file: path.relative(dir, file).split(path.sep).join('/'), text: await readFile(file, 'utf8') })));
}

async function loadItems(contentDir: string): Promise<KnowledgeItem[]> {
  const files = (await listFiles(contentDir)).filter((f) => f.endsWith('.md') && path.basename(f) !== 'README.md');
  // A wrong path must not start a bot that knows nothing and answers every question with "no answer".
  if (files.length === 0) throw new ContentError('content', '(map)', `geen items gevonden in ${contentDir}: de map ontbreekt of is leeg`);
  const items = await Promise.all(files.map((file) => loadItem(contentDir, file)));
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id)) throw new ContentError(item.id, 'id', 'komt twee keer voor');
    seen.add(item.id);
  }
  return items.sort((a, b) => a.id.localeCompare(b.id));
}

async function loadItem(contentDir: string, file: string): Promise<KnowledgeItem> {
  const text = await readFile(file, 'utf8');
  const relative = path.relative(contentDir, file).split(path.sep).join('/');
  const { frontmatter, body } = splitFrontmatter(text, relative);
  const data = parseYamlText(frontmatter, relative);
  const parsed = parseWith(frontmatterSchema, data, relative);
  const expectedId = relative.replace(/\.md$/, '');
  if (parsed.id !== expectedId) {
    throw new ContentError(relative, 'id', `moet gelijk zijn aan het pad zonder .md: '${expectedId}'`);
  }
  for (const gemeente of Object.keys(parsed.overrides)) {
    if (parsed.gemeenten !== 'all' && !parsed.gemeenten.includes(gemeente)) {
      throw new ContentError(relative, `overrides.${gemeente}`, 'gemeente staat niet in gemeenten');
    }
  }
  return { ...parsed, body: body.trim() };
}

function splitFrontmatter(text: string, file: string): { frontmatter: string; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!match) throw new ContentError(file, '(frontmatter)', "het bestand moet beginnen met YAML tussen twee regels '---'");
  return { frontmatter: match[1] ?? '', body: match[2] ?? '' };
}

async function loadGemeenten(dir: string): Promise<Gemeente[]> {
  const files = (await listFiles(dir)).filter((f) => /\.ya?ml$/.test(f) && !path.basename(f).startsWith('_'));
  const gemeenten = await Promise.all(
    files.map((file) => loadYamlFile(file, (data, name) => parseWith(gemeenteSchema, data, name))),
  );
  return gemeenten.sort((a, b) => a.naam.localeCompare(b.naam, 'nl'));
}

async function loadYamlFile<T>(file: string, validate: (data: unknown, name: string) => T): Promise<T> {
  const name = path.basename(path.dirname(file)) + '/' + path.basename(file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ContentError(name, '(bestand)', 'bestand ontbreekt of is niet leesbaar');
  }
  return validate(parseYamlText(text, name), name);
}

function parseYamlText(text: string, file: string): unknown {
  try {
    return parseYaml(text);
  } catch (error) {
    throw new ContentError(file, '(yaml)', (error as Error).message.split('\n')[0] ?? 'ongeldige YAML');
  }
}

function parseWith<T>(schema: { safeParse(data: unknown): { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> } } }, data: unknown, file: string): T {
  const result = schema.safeParse(data);
  if (!result.success) throw contentErrorFromIssues(file, result.error.issues);
  return result.data;
}

async function listFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)).sort();
}
