// npm run build: validates every content file and builds the index once, so a bad file stops the build
// with its name, field and reason.
import { ContentError, createKnowledgeBase } from './index';

try {
  const kb = await createKnowledgeBase();
  process.stdout.write(`Inhoud in orde: ${kb.items.length} items, ${kb.gemeenten.length} gemeenten.\n`);
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  process.stderr.write(`Ongeldige inhoud: ${error.message}\n`);
  process.exitCode = 1;
}
