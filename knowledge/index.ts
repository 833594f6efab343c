// The public face of knowledge/: what the bot and the CLI may use.
import { KnowledgeBase } from './knowledge-base';
import { loadKnowledgeFiles } from './load-content';

export { KnowledgeBase, ACUTE_ROUTE_ID, SUICIDE_ROUTE_ID, FALLBACK_ROUTE_IDS, MAX_QUESTION_CHARS } from './knowledge-base';
export type { Answer, LocalizedItem, ScoredItem } from './knowledge-base';
export { ContentError } from './content-error';
export { loadKnowledgeFiles, DEFAULT_KNOWLEDGE_DIR } from './load-content';
export { DEFAULT_PREBUILT_FILE, openKnowledgeBase, buildPrebuiltKnowledge } from './prebuilt';
export type { Contact, KnowledgeItem, Gemeente, ItemType } from './schema';

/** Loads and validates the content and builds the search index (done once, at start). */
export async function createKnowledgeBase(dir?: string): Promise<KnowledgeBase> {
  return new KnowledgeBase(await loadKnowledgeFiles(dir));
}
