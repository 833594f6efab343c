// npm start, before the bot: makes dist/knowledge.json match the content in a process of its own. Training
// the phrasing models needs more heap than the bot is started with (package.json "start" caps it), so
// on a fresh clone, or after the content changed, the bot must not do it itself: the start could run out
// of memory. tools/start.mjs runs this (compiled to dist/prepare-knowledge.mjs) when the file is missing
// or older than a file under knowledge/.
import { utimes } from 'node:fs/promises';
import { DEFAULT_PREBUILT_FILE, openKnowledgeBase } from './index';

const { source } = await openKnowledgeBase();
// Still current (only the files' times changed, as after a checkout): newer now, so the next start skips this.
if (source === 'prebuilt') await utimes(DEFAULT_PREBUILT_FILE, new Date(), new Date());
process.stderr.write(source === 'built' ? 'dist/knowledge.json opgebouwd uit de inhoud\n' : 'dist/knowledge.json is actueel\n');
