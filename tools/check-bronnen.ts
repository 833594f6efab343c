// npm run check:bronnen: checks that every entry of the bronnenregister (knowledge/bronnen.yaml) really
// stands in the shared facts (../shared/FACTS.md or one of its seeds), so the register cannot drift
// from what was verified. Needs the shared folder (MELDWIJZER_SHARED_DIR, or ../shared beside the
// repository); CI runs it only when that folder is there. `npm test` does not need it.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isoOfDate, normalizedNumber } from '../knowledge/bronnen';
import { loadBronnen } from '../knowledge/load-content';
import { formatDutchDateTime } from '../time/dutch-dates';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sharedDir = process.env.MELDWIJZER_SHARED_DIR ?? path.resolve(repoRoot, '../shared');
const ENGLISH_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

async function sharedTexts(): Promise<string[]> {
  const seedDir = path.join(sharedDir, 'seeds');
  const texts = [await readFile(path.join(sharedDir, 'FACTS.md'), 'utf8')];
  for (const seed of (await readdir(seedDir)).sort()) texts.push(await readFile(path.join(seedDir, seed), 'utf8'));
  return texts;
}

/** The ways FACTS.md (English) and the seeds (Dutch) write a date. */
function dateForms(iso: string): string[] {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return [`${day} ${ENGLISH_MONTHS[month - 1]} ${year}`, formatDutchDateTime({ year, month, day }), iso];
}

const flat = (text: string) => text.replace(/\*\*/g, '').replace(/\s+/g, ' ').toLowerCase();

try {
  const register = await loadBronnen();
  const texts = await sharedTexts();
  const words = texts.map(flat).join('\n');
  // All digit runs of the shared texts, with spaces, dashes and brackets inside numbers removed.
  const digits = texts.map((t) => t.replace(/(\d)[ \-()]+(?=\d)/g, '$1')).join('\n');
  const missing: string[] = [];
  for (const entry of register.numbers) {
    const d = normalizedNumber(entry.value);
    if (!new RegExp(`(?<!\\d)(?:${d}|\\+?31${d.slice(1)})(?!\\d)`).test(digits)) missing.push(`nummer ${entry.value}`);
  }
  for (const entry of register.articles) {
    if (!words.includes(flat(entry.value))) missing.push(`artikel ${entry.value}`);
  }
  for (const entry of register.dates) {
    if (!dateForms(isoOfDate(entry.value)!).some((form) => words.includes(flat(form)))) missing.push(`datum ${entry.value}`);
  }
  const total = register.numbers.length + register.articles.length + register.dates.length;
  if (missing.length > 0) {
    process.stderr.write(`Niet gevonden in ${sharedDir} (FACTS.md of seeds):\n${missing.map((m) => `  - ${m}`).join('\n')}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(`Bronnenregister in orde: alle ${total} nummers, artikelen en datums staan in FACTS.md of een seed.\n`);
  }
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== 'ENOENT') throw error;
  process.stderr.write(`Gedeelde map niet gevonden: ${sharedDir} (zet MELDWIJZER_SHARED_DIR of plaats ../shared naast de repository).\n`);
  process.exitCode = 1;
}
