// Cards for a gemeente's own meldpunten: the list with "Wijzigen" per slot (and the form for one slot,
// with the reason when the input was refused), and the overview of how many each gemeente filled in.
// Values people typed are shown literally (TextRun).
import { formatDutchDateTime } from '../time/dutch-dates';
import { CLIENT_PATTERNS, type MeldpuntField } from '../knowledge/meldpunt-input';
import type { LocalMeldpunt, LocalMeldpuntKey } from '../knowledge/schema';
import { renderTemplate, type AdaptiveCard } from './render';

export interface MeldpuntSlotView {
  slot: LocalMeldpuntKey;
  label: string;
  value: LocalMeldpunt | null;
  /** Who set it in Teams and when; null for a value from the YAML baseline or an empty slot. */
  changed: { by: string | null; at: Date } | null;
}

export interface MeldpuntFormState {
  slot: LocalMeldpuntKey;
  /** What the beheerder entered (shown again after a refusal, so nothing typed is lost). */
  values: Partial<Record<MeldpuntField, string>>;
  error: { field: MeldpuntField; reason: string } | null;
}

const FIELD_LABELS: Record<MeldpuntField, string> = {
  naam: 'Naam',
  telefoon: 'Telefoon',
  url: 'Website',
  email: 'E-mail',
  openingstijden: 'Openingstijden',
  bron: 'Bron',
};

/** "Meldpunt zorg · 035-1234567 · https://… · ma–vr 9–17" */
export function meldpuntLine(m: LocalMeldpunt): string {
  return [m.name, m.phone, m.url, m.email, m.hours].filter(Boolean).join(' · ');
}

function formValues(m: LocalMeldpunt | null): Record<MeldpuntField, string> {
  return { naam: m?.name ?? '', telefoon: m?.phone ?? '', url: m?.url ?? '', email: m?.email ?? '', openingstijden: m?.hours ?? '', bron: m?.bron ?? '' };
}

export function meldpuntenCard(input: {
  gemeente: string;
  slots: MeldpuntSlotView[];
  beheerders: string[];
  form?: MeldpuntFormState;
  notice?: { text: string; style: 'good' | 'attention' };
}): AdaptiveCard {
  const filled = input.slots.filter((s) => s.value).length;
  return renderTemplate('meldpunten', {
    heading: `Meldpunten ${input.gemeente}`,
    subheading: `${filled} van ${input.slots.length} ingevuld · beheerders: ${input.beheerders.length > 0 ? input.beheerders.join(', ') : 'nog niemand (een coördinator wijst ze aan)'}`,
    notice: input.notice?.text ?? null,
    noticeStyle: input.notice?.style ?? 'default',
    slots: input.slots.map((s) => {
      const editing = input.form?.slot === s.slot;
      return {
        gemeente: input.gemeente,
        slot: s.slot,
        label: s.label[0]!.toUpperCase() + s.label.slice(1),
        filled: s.value !== null,
        value: s.value ? meldpuntLine(s.value) : '',
        meta: s.changed
          ? `ingevuld door ${s.changed.by ?? 'onbekend'} op ${formatDutchDateTime(s.changed.at)}${s.value?.bron ? ` · bron: ${s.value.bron}` : ''}`
          : s.value
            ? 'uit het bestand van de gemeente in Meldwijzer'
            : 'Tot dit is ingevuld, tonen de antwoorden de landelijke route.',
        editing,
        error: editing && input.form?.error ? `${FIELD_LABELS[input.form.error.field]}: ${input.form.error.reason}` : null,
        form: editing ? { ...formValues(s.value), ...input.form!.values } : formValues(null),
        patterns: CLIENT_PATTERNS,
      };
    }),
    footer: 'Wijzigen kunnen de beheerders van deze gemeente en de coördinatoren. Elke wijziging wordt vastgelegd: typ "meldpunten ' + input.gemeente + ' geschiedenis".',
  });
}

export function meldpuntenOverviewCard(rows: Array<{ gemeente: string; filled: number; total: number }>): AdaptiveCard {
  return renderTemplate('meldpunten-overzicht', {
    heading: 'Lokale meldpunten per gemeente',
    subheading: 'Hoeveel van de meldpunten elke gemeente zelf heeft ingevuld. Lege meldpunten tonen de landelijke route.',
    chart: rows.map((r) => ({
      title: r.gemeente,
      data: [
        { legend: 'ingevuld', value: r.filled, color: 'good' },
        { legend: 'nog leeg', value: r.total - r.filled, color: 'neutral' },
      ],
    })),
    rows: rows.map((r) => ({ gemeente: r.gemeente, filled: String(r.filled), empty: String(r.total - r.filled) })),
  });
}
