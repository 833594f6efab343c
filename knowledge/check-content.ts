// npm run build: validates every content file and builds the index once, so a bad file stops the build
// with its name, field and reason. Also stops on a number, article or date that is not in the
// bronnenregister (bronnen.yaml), and warns (without failing) about items past their reviewBefore.
import { amsterdamParts, formatLocalDate } from '../time/amsterdam-time';
import { normalizedNumber, unregisteredInFiles } from './bronnen';
import { ContentError, createKnowledgeBase } from './index';
import { loadBronnen, readContentTexts } from './load-content';
import { reviewOverdue } from './review';

try {
  const kb = await createKnowledgeBase();
  const register = await loadBronnen();
  const gemeenteNumbers = new Set(kb.gemeenten.flatMap((g) => Object.values(g.meldpunten).flatMap((m) => (m?.phone ? [normalizedNumber(m.phone)] : []))));
  const unregistered = unregisteredInFiles(await readContentTexts(), register, gemeenteNumbers);
  if (unregistered.length > 0) {
    for (const claim of unregistered) process.stderr.write(`Niet in het bronnenregister (knowledge/bronnen.yaml): ${claim.file}: ${claim.kind} '${claim.text}'\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(`Inhoud in orde: ${kb.items.length} items, ${kb.gemeenten.length} gemeenten; ${register.numbers.length + register.articles.length + register.dates.length} nummers, artikelen en datums in het bronnenregister.\n`);
  }
  const today = formatLocalDate(amsterdamParts(new Date()));
  for (const item of kb.items.filter((i) => reviewOverdue(i, today))) {
    process.stdout.write(`Let op: ${item.id} had vóór ${item.reviewBefore} opnieuw gecontroleerd moeten worden (eigenaar: ${item.owner.role}, ${item.owner.channel}).\n`);
  }
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  process.stderr.write(`Ongeldige inhoud: ${error.message}\n`);
  process.exitCode = 1;
}
