// meldpunten <gemeente> (anyone): the gemeente's own meldpunten, filled or not, with who set them;
// a beheerder (or coordinator) presses Wijzigen, fills in the form in the card and saves it.
// meldpunten <gemeente> geschiedenis: every change; meldpunten overzicht: how many each filled in.
import type { Application } from '@microsoft/teams-ai';
import { CardFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod/v4';
import { formatDutchDateTime } from '../../time/dutch-dates';
import { meldpuntenCard, meldpuntenOverviewCard, meldpuntLine, type MeldpuntFormState } from '../../cards/meldpunten-cards';
import { listCard } from '../../cards/werkgroep-cards';
import { LOCAL_MELDPUNT_LABELS } from '../../knowledge/knowledge-base';
import { MELDPUNT_FIELDS, validateMeldpuntInput } from '../../knowledge/meldpunt-input';
import { LOCAL_MELDPUNT_KEYS, type Gemeente, type LocalMeldpuntKey } from '../../knowledge/schema';
import { CARD_VERBS, MELDPUNTEN_PATTERN } from '../commands';
import type { BotDeps } from '../deps';
import { ERRORS, refusal } from '../errors';
import { tenantKeyOf } from '../tenants';
import { actorOf } from '../werkgroep-channel';

const HISTORY_SIZE = 20;
const slotActionSchema = z.object({ gemeente: z.string().min(2).max(60), slot: z.enum(LOCAL_MELDPUNT_KEYS) });
const showActionSchema = z.object({ gemeente: z.string().min(2).max(60) });
// What the form sends: each field a string (absent when left empty by some clients).
const formSchema = z.object(Object.fromEntries(MELDPUNT_FIELDS.map((f) => [f, z.string().max(1000).optional()])) as Record<(typeof MELDPUNT_FIELDS)[number], z.ZodOptional<z.ZodString>>);

export function registerMeldpunten(app: Application, deps: BotDeps): void {
  const known = () => deps.kb.gemeenten.map((g) => g.naam).join(', ');

  /** The card as this tenant sees it: the gemeente's meldpunten, with the beheerders this tenant appointed. */
  const card = async (tenantKey: string, gemeente: Gemeente, extra: { form?: MeldpuntFormState; notice?: { text: string; style: 'good' | 'attention' } } = {}) => {
    const [{ values, meta }, beheerders] = await Promise.all([deps.gemeenten.meldpunten(gemeente.naam), deps.gemeenten.beheerders(tenantKey, gemeente.naam)]);
    return meldpuntenCard({
      gemeente: gemeente.naam,
      slots: deps.kb.meldpuntSlots().map((slot) => {
        const changed = meta[slot];
        return { slot, label: LOCAL_MELDPUNT_LABELS[slot], value: deps.kb.meldpunt(gemeente, slot, values), changed: changed ? { by: changed.changedBy, at: changed.changedAt } : null };
      }),
      beheerders: beheerders.map((b) => b.name ?? 'onbekend'),
      ...extra,
    });
  };

  app.message(MELDPUNTEN_PATTERN, async (context: TurnContext) => {
    const rest = (MELDPUNTEN_PATTERN.exec(context.activity.text ?? '')?.groups?.rest ?? '').trim();
    if (/^overzicht$/i.test(rest)) {
      const stored = await deps.gemeenten.allMeldpunten();
      const slots = deps.kb.meldpuntSlots();
      const rows = deps.kb.gemeenten.map((g) => ({
        gemeente: g.naam,
        filled: slots.filter((slot) => deps.kb.meldpunt(g, slot, stored.get(g.naam))).length,
        total: slots.length,
      }));
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(meldpuntenOverviewCard(rows))] });
      return;
    }
    const history = /^(?<naam>.+?)\s+geschiedenis$/i.exec(rest);
    const name = history?.groups?.naam ?? rest;
    if (name === '') {
      await context.sendActivity(`Van welke gemeente? Bijvoorbeeld: meldpunten Baarn, meldpunten Baarn geschiedenis of meldpunten overzicht. Gemeenten: ${known()}.`);
      return;
    }
    const gemeente = deps.kb.findGemeente(name);
    if (!gemeente) {
      await context.sendActivity(`Die gemeente ken ik niet. Kies een van: ${known()}.`);
      return;
    }
    if (history) {
      const changes = await deps.gemeenten.history(gemeente.naam, HISTORY_SIZE);
      const lines = changes.map(
        (c) =>
          `${formatDutchDateTime(c.at)} · ${c.actorName ?? 'onbekend'} · ${LOCAL_MELDPUNT_LABELS[c.slot]}: ${c.oldValue ? meldpuntLine(c.oldValue) : 'leeg'} → ${meldpuntLine(c.newValue)} (bron: ${c.bron})`,
      );
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(listCard(`Wijzigingen meldpunten ${gemeente.naam}`, lines, 'Nog geen wijzigingen in Teams.'))] });
      return;
    }
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(await card(tenantKeyOf(context.activity), gemeente))] });
  });

  /** The gemeente and slot of a card action, looked up on the server; null when they do not exist. */
  const target = (raw: unknown): { gemeente: Gemeente; slot: LocalMeldpuntKey } | null => {
    const parsed = slotActionSchema.safeParse(raw);
    const gemeente = parsed.success ? deps.kb.findGemeente(parsed.data.gemeente) : undefined;
    if (!parsed.success || !gemeente || !deps.kb.meldpuntSlots().includes(parsed.data.slot)) return null;
    return { gemeente, slot: parsed.data.slot };
  };
  const gone = () => refusal(deps.logger, ERRORS.STALE_MELDPUNTEN_BUTTON);

  app.adaptiveCards.actionExecute(CARD_VERBS.meldpuntWijzigen, async (context: TurnContext, _state, rawData) => {
    const found = target(rawData);
    if (!found) return gone();
    if (!(await deps.roles.mayEditGemeente(context.activity, found.gemeente.naam))) return refusal(deps.logger, await deps.roles.notABeheerder(context.activity, found.gemeente.naam));
    return card(tenantKeyOf(context.activity), found.gemeente, { form: { slot: found.slot, values: {}, error: null } });
  });

  app.adaptiveCards.actionExecute(CARD_VERBS.meldpuntOpslaan, async (context: TurnContext, _state, rawData) => {
    const found = target(rawData);
    const form = formSchema.safeParse(rawData);
    if (!found || !form.success) return gone();
    const { gemeente, slot } = found;
    if (!(await deps.roles.mayEditGemeente(context.activity, gemeente.naam))) return refusal(deps.logger, await deps.roles.notABeheerder(context.activity, gemeente.naam));
    const tenantKey = tenantKeyOf(context.activity);
    const entered = Object.fromEntries(MELDPUNT_FIELDS.map((f) => [f, form.data[f] ?? '']));
    const checked = validateMeldpuntInput(entered);
    if (!checked.ok) {
      // Shown again with what was typed and why it was refused; nothing is stored.
      return card(tenantKey, gemeente, { form: { slot, values: entered, error: { field: checked.field, reason: checked.reason } } });
    }
    const { values } = await deps.gemeenten.meldpunten(gemeente.naam);
    await deps.gemeenten.setMeldpunt(gemeente.naam, slot, checked.meldpunt, deps.kb.meldpunt(gemeente, slot, values), actorOf(context));
    deps.logger.info({ event: 'meldpunt-changed', gemeente: gemeente.naam, slot }, 'meldpunt changed');
    return card(tenantKey, gemeente, { notice: { text: `Opgeslagen: ${LOCAL_MELDPUNT_LABELS[slot]} van ${gemeente.naam}. Antwoorden voor ${gemeente.naam} tonen het vanaf nu.`, style: 'good' } });
  });

  app.adaptiveCards.actionExecute(CARD_VERBS.meldpuntenTonen, async (context: TurnContext, _state, rawData) => {
    const parsed = showActionSchema.safeParse(rawData);
    const gemeente = parsed.success ? deps.kb.findGemeente(parsed.data.gemeente) : undefined;
    return gemeente ? card(tenantKeyOf(context.activity), gemeente) : gone();
  });
}
