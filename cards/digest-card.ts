// The kennisbank overview a coordinator reads once a week (and on demand with statistieken): how many
// questions, answered or not, urgent, how the answers were rated; the unanswered questions to pair
// with an item or ignore; items marked niet nuttig often, items due for review, empty meldpunten.
// Questions are shown masked and literally (TextRun).
import { renderTemplate, type AdaptiveCard } from './render';

export interface DigestWeek {
  label: string;
  asked: number;
  answered: number;
  unanswered: number;
  urgent: number;
  nuttig: number;
  nietNuttig: number;
}

export interface DigestView {
  heading: string;
  subheading: string;
  notice?: string;
  /** Oldest first; the last one is the week the digest is about. */
  weeks: DigestWeek[];
  /** The weekStart (JJJJ-MM-DD) the card's buttons refer to, so the server can rebuild it. */
  week: string;
  unanswered: Array<{ text: string; count: number; ids: number[]; choices: Array<{ title: string; value: string }> }>;
  moreUnanswered: number;
  notUseful: Array<{ title: string; count: number }>;
  review: Array<{ title: string; owner: string; date: string; overdue: boolean }>;
  emptyMeldpunten: Array<{ gemeente: string; empty: number; total: number }>;
}

/** Masked questions can be long; the card keeps well under what Teams accepts. */
const QUESTION_SHOWN = 280;

export function digestCard(view: DigestView): AdaptiveCard {
  const last = view.weeks.at(-1);
  const rated = last ? last.nuttig + last.nietNuttig : 0;
  const series = (legend: string, pick: (w: DigestWeek) => number) => ({ legend, values: view.weeks.map((w) => ({ x: w.label, y: pick(w) })) });
  return renderTemplate('kennisbank-overzicht', {
    heading: view.heading,
    subheading: view.subheading,
    notice: view.notice ?? null,
    series: [series('gesteld', (w) => w.asked), series('beantwoord', (w) => w.answered), series('zonder antwoord', (w) => w.unanswered), series('urgent', (w) => w.urgent)],
    weeks: view.weeks.map((w) => ({ ...w, asked: String(w.asked), answered: String(w.answered), unanswered: String(w.unanswered), urgent: String(w.urgent), nuttig: String(w.nuttig), nietNuttig: String(w.nietNuttig) })),
    feedbackLine:
      rated === 0
        ? `${last?.label ?? 'Deze periode'}: nog geen feedback (Nuttig / Niet nuttig).`
        : `${last!.label}: ${Math.round((100 * last!.nuttig) / rated)} % nuttig, ${Math.round((100 * last!.nietNuttig) / rated)} % niet nuttig (${rated} ${rated === 1 ? 'beoordeling' : 'beoordelingen'}).`,
    unanswered: view.unanswered.map((u) => ({
      text: u.text.length > QUESTION_SHOWN ? `${u.text.slice(0, QUESTION_SHOWN)}…` : u.text,
      times: u.count > 1 ? ` (${u.count}×)` : '',
      ids: u.ids.join(','),
      week: view.week,
      choices: u.choices,
    })),
    moreUnanswered: view.moreUnanswered > 0 ? `En nog ${view.moreUnanswered} ${view.moreUnanswered === 1 ? 'vraag' : 'vragen'}: typ onbeantwoord.` : null,
    notUseful: view.notUseful.map((n) => `${n.title}: ${n.count}× niet nuttig`),
    notUsefulEmpty: 'Geen item is vaker dan twee keer niet nuttig genoemd.',
    review: view.review.map((r) => `${r.title} — ${r.overdue ? 'controle was nodig vóór' : 'controleren vóór'} ${r.date} (${r.owner})`),
    emptyMeldpunten: view.emptyMeldpunten.map((e) => (e.empty === 0 ? `${e.gemeente}: alles ingevuld` : `${e.gemeente}: ${e.empty} van ${e.total} nog leeg`)),
    footer: 'Vragen worden zonder persoonsgegevens bewaard en na de bewaartermijn verwijderd. Overzicht aan of uit: typ overzicht aan / overzicht uit.',
  });
}
