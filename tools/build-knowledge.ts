// npm run build: writes dist/knowledge.json — the validated content and its lunr index — so the bot
// starts without parsing, validating and indexing (it checks the file still matches the content).
import { buildPrebuiltKnowledge } from '../knowledge/index';

const kb = await buildPrebuiltKnowledge();
process.stdout.write(`dist/knowledge.json: ${kb.items.length} items en hun zoekindex\n`);
