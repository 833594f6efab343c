// The knowledge base as `npm run build` leaves it: the validated content and the serialised lunr index in
// one JSON file (dist/knowledge.json), with the trained phrasing model and linear classifier (so a start
// does not train), and a fingerprint of the files it was made from. At start the bot
// loads it when the fingerprint still matches — no YAML parsing, no validation, no indexing — and
// otherwise builds from the content as before and writes the file anew for the next start.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { KnowledgeBase, type PrebuiltParts } from './knowledge-base';
import { DEFAULT_KNOWLEDGE_DIR, loadKnowledgeFiles, type KnowledgeFiles } from './load-content';

export const DEFAULT_PREBUILT_FILE = path.resolve(DEFAULT_KNOWLEDGE_DIR, '..', 'dist', 'knowledge.json');

// Raised when the file's shape changes, so an older file is rebuilt instead of misread.
// 3: parts.linear, the linear classifier's weights (knowledge/linear-model.ts).
const FORMAT = 3;

interface PrebuiltKnowledge {
  format: number;
  fingerprint: string;
  files: KnowledgeFiles;
  /** The lunr index, the trained phrasing model and the linear classifier's weights. */
  parts: PrebuiltParts;
}

/**
 * A hash of everything the knowledge base is made from: the content, gemeenten, search terms and
 * urgency rules, and the code under knowledge/ that parses and indexes them (a changed stemmer or field
 * boost makes an old index wrong even when the content is the same).
 */
export async function knowledgeFingerprint(dir: string = DEFAULT_KNOWLEDGE_DIR): Promise<string> {
  const entries = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && /\.(md|ya?ml|ts)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  const hash = createHash('sha256').update(`format ${FORMAT}\0`);
  for (const file of entries) hash.update(`${path.relative(dir, file)}\0`).update(await readFile(file)).update('\0');
  return hash.digest('hex');
}

export interface OpenedKnowledgeBase {
  kb: KnowledgeBase;
  /** 'prebuilt': loaded from the file; 'built': from the content (the file was missing, stale or unreadable). */
  source: 'prebuilt' | 'built';
}

/** The knowledge base from the prebuilt file when it matches the content, otherwise built (and the file rewritten). */
export async function openKnowledgeBase(dir: string = DEFAULT_KNOWLEDGE_DIR, file: string = DEFAULT_PREBUILT_FILE): Promise<OpenedKnowledgeBase> {
  const fingerprint = await knowledgeFingerprint(dir);
  const prebuilt = await readPrebuilt(file);
  if (prebuilt && prebuilt.format === FORMAT && prebuilt.fingerprint === fingerprint) {
    return { kb: new KnowledgeBase(prebuilt.files, prebuilt.parts), source: 'prebuilt' };
  }
  const files = await loadKnowledgeFiles(dir);
  const kb = new KnowledgeBase(files);
  // Best effort: a read-only checkout still starts, only without the faster next start.
  await writePrebuilt(file, { format: FORMAT, fingerprint, files, parts: kb.serialized() }).catch(() => undefined);
  return { kb, source: 'built' };
}

/** Builds from the content and writes the file (npm run build). */
export async function buildPrebuiltKnowledge(dir: string = DEFAULT_KNOWLEDGE_DIR, file: string = DEFAULT_PREBUILT_FILE): Promise<KnowledgeBase> {
  const fingerprint = await knowledgeFingerprint(dir);
  const files = await loadKnowledgeFiles(dir);
  const kb = new KnowledgeBase(files);
  await writePrebuilt(file, { format: FORMAT, fingerprint, files, parts: kb.serialized() });
  return kb;
}

async function readPrebuilt(file: string): Promise<PrebuiltKnowledge | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as PrebuiltKnowledge;
  } catch {
    return null; // missing or half-written: build from the content
  }
}

/** Written under another name and renamed, so a reader never sees half a file (tests start bots in parallel). */
async function writePrebuilt(file: string, prebuilt: PrebuiltKnowledge): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, JSON.stringify(prebuilt));
  await rename(temporary, file);
}
