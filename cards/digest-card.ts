// The kennisbank overview a coordinator reads once a week (and on demand with statistieken): how many
// questions, answered or not, urgent, how the answers were rated; the unanswered questions to pair
// with an item or ignore; items marked niet nuttig often, items due for review, empty meldpunten.
// Questions are shown masked and literally (TextRun).
import { fitCard, moreLine, truncateText } from './limits';
import { renderTemplate, type AdaptiveCard } from './render';

/** A period's numbers: questions asked, answered, without answer, urgent, and how answers were rated. */
export interface WeekCounts {
  asked: number;
  answered: number;
  unanswered: number;
  urgent: number;
  nuttig: number;
  nietNuttig: number;
}

export interface DigestWeek extends WeekCounts {
  label: string;
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

/** Question groups that do not fit in a card Teams accepts are left out and counted in "En nog …". */
export function digestCard(view: DigestView): AdaptiveCard {
  return fitCard(view.unanswered.length, (shown) => renderDigest(view, shown));
}

function renderDigest(view: DigestView, shownGroups: number): AdaptiveCard {
  const unanswered = view.unanswered.slice(0, shownGroups);
  const more = view.moreUnanswered + view.unanswered.length - shownGroups;
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
    unanswered: unanswered.map((u) => ({
      text: truncateText(u.text, QUESTION_SHOWN),
      times: u.count > 1 ? ` (${u.count}×)` : '',
      ids: u.ids.join(','),
      week: view.week,
      choices: u.choices,
    })),
    moreUnanswered: moreLine(more, 'vraag zonder antwoord: typ onbeantwoord, of koppel eerst deze.', 'vragen zonder antwoord: typ onbeantwoord, of koppel eerst deze.'),
    notUseful: view.notUseful.map((n) => `${n.title}: ${n.count}× niet nuttig`),
    notUsefulEmpty: 'Geen item is vaker dan twee keer niet nuttig genoemd.',
    review: view.review.map((r) => `${r.title} — ${r.overdue ? 'controle was nodig vóór' : 'controleren vóór'} ${r.date} (${r.owner})`),
    emptyMeldpunten: view.emptyMeldpunten.map((e) => (e.empty === 0 ? `${e.gemeente}: alles ingevuld` : `${e.gemeente}: ${e.empty} van ${e.total} nog leeg`)),
    footer: 'Vragen worden zonder persoonsgegevens bewaard en na de bewaartermijn verwijderd. Overzicht aan of uit: typ overzicht aan / overzicht uit.',
  });
}
