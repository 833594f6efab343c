// overleg: the next meetings; overleg plannen <wanneer> <tijd> (confirmed with a card before it is
// stored); overleg annuleren <datum>.
import type { Application } from '@microsoft/teams-ai';
import { CardFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod/v4';
import { listCard, meetingConfirmCard, meetingLabel } from '../../cards/werkgroep-cards';
import { formatDutchDate, parseDutchDate } from '../../time/dutch-dates';
import { checkRecurrence, occurrences, parseMeetingPlan, type MeetingPlan } from '../../agenda/recurrence';
import { amsterdamInstant, amsterdamParts, formatLocalDate } from '../../time/amsterdam-time';
import { CARD_VERBS, OVERLEG_PATTERN } from '../commands';
import type { BotDeps } from '../deps';
import { ERRORS, refusal, refuse } from '../errors';
import { actorOf, isWerkgroepConversation, requireWerkgroepChannel } from '../werkgroep-channel';
import { werkgroepKeyOf } from '../identity';

const localDate = z.object({ year: z.number().int().min(2000).max(2100), month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) });
const localTime = z.object({ hour: z.number().int().min(0).max(23), minute: z.number().int().min(0).max(59) });
// A stored pending plan is our own data, but it is read back from the database: check its shape again.
const planSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('once'), date: localDate, time: localTime }),
  z.object({ kind: z.literal('recurring'), rrule: z.string().max(300), time: localTime, description: z.string().max(100) }),
]);
const confirmSchema = z.object({ confirm: z.boolean(), planId: z.uuid() });
// Long enough to read the card and press Bevestigen; short enough that a forgotten card cannot plan later.
const PENDING_PLAN_TTL_MS = 60 * 60_000;

export function registerOverleg(app: Application, deps: BotDeps): void {
  const { agenda } = deps;

  app.message(OVERLEG_PATTERN, async (context: TurnContext) => {
    if (!(await requireWerkgroepChannel(context, deps.logger))) return;
    const rest = (OVERLEG_PATTERN.exec(context.activity.text ?? '')?.groups?.rest ?? '').trim();
    const conversationId = werkgroepKeyOf(context.activity);
    const now = deps.clock.now();
    const today = amsterdamParts(now);

    if (rest === '') {
      const meetings = await agenda.upcoming(conversationId, 5);
      if (meetings.length === 0) return refuse(context, deps.logger, ERRORS.NO_MEETING);
      const lines = meetings.map((m) => `${meetingLabel(m)}${m.cancelled ? ' — geannuleerd' : ''}`);
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(listCard('Volgende overleggen', lines, ERRORS.NO_MEETING.text))] });
      return;
    }

    const command = /^(plannen|annuleren)\b\s*([\s\S]*)$/i.exec(rest);
    if (!command) {
      await context.sendActivity('Gebruik: overleg, overleg plannen 9 december 10:00 (of elke 2e dinsdag 10:00), of overleg annuleren 9 december.');
      return;
    }
    if (!(await deps.roles.isCoordinator(context.activity))) return refuse(context, deps.logger, ERRORS.NOT_A_COORDINATOR);
    const [, verb, argument] = command;

    if (verb!.toLowerCase() === 'plannen') {
      const parsed = parseMeetingPlan(argument!, today);
      if (!parsed.ok) {
        await context.sendActivity(parsed.reason);
        return;
      }
      const plan = parsed.plan;
      if (plan.kind === 'once' && amsterdamInstant(plan.date, plan.time.hour, plan.time.minute).getTime() <= now.getTime()) {
        await context.sendActivity('Dat tijdstip ligt in het verleden. Kies een datum en tijd die nog komen.');
        return;
      }
      if (plan.kind === 'recurring') {
        const checked = checkRecurrence(plan.rrule, today);
        if (!checked.ok) return void (await context.sendActivity(checked.reason));
      }
      const first = occurrences(plan, today, 3).map((d) => formatDutchDate(d));
      const planId = await agenda.store.savePendingPlan(conversationId, plan, actorOf(context), PENDING_PLAN_TTL_MS);
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(meetingConfirmCard(plan, planId, first))] });
      return;
    }

    const date = parseDutchDate(argument!, today);
    if (!date) {
      await context.sendActivity(`Die datum begrijp ik niet: "${argument}". Bijvoorbeeld: overleg annuleren 9 december.`);
      return;
    }
    if (formatLocalDate(date) < formatLocalDate(today)) {
      await context.sendActivity('Die datum ligt in het verleden.');
      return;
    }
    const cancelled = await agenda.cancelMeeting(conversationId, date, actorOf(context));
    if (cancelled.outcome === 'none') {
      await context.sendActivity(`Op ${formatDutchDate(date)} staat geen overleg. Typ overleg voor de volgende overleggen.`);
    } else if (cancelled.outcome === 'already') {
      await context.sendActivity(`Het overleg van ${meetingLabel(cancelled.meeting)} is al geannuleerd.`);
    } else {
      await context.sendActivity(`Het overleg van ${meetingLabel(cancelled.meeting)} is geannuleerd. Agendapunten schuiven door naar het volgende overleg.`);
    }
  });

  // The card carries only the id of a plan kept on the server for this werkgroep; nothing else in it is used.
  app.adaptiveCards.actionExecute(CARD_VERBS.overlegPlannen, async (context: TurnContext, _state, rawData) => {
    // Channel-only holds for card actions too: a forged invoke from a personal chat plans nothing there.
    if (!isWerkgroepConversation(context)) return refusal(deps.logger, ERRORS.WERKGROEP_CHANNEL_ONLY);
    const data = confirmSchema.safeParse(rawData);
    if (!data.success) return refusal(deps.logger, ERRORS.MEETING_PLAN_UNREADABLE);
    if (!(await deps.roles.isCoordinator(context.activity))) return refusal(deps.logger, ERRORS.NOT_A_COORDINATOR);
    const werkgroepKey = werkgroepKeyOf(context.activity);
    const pending = await agenda.store.takePendingPlan(data.data.planId, werkgroepKey);
    if (pending === 'expired') return refusal(deps.logger, ERRORS.MEETING_PLAN_EXPIRED);
    const parsed = pending ? planSchema.safeParse(pending.plan) : undefined;
    if (!parsed?.success) return refusal(deps.logger, ERRORS.MEETING_PLAN_GONE);
    const plan = parsed.data as MeetingPlan;
    const today = amsterdamParts(deps.clock.now());
    if (plan.kind === 'recurring' && !checkRecurrence(plan.rrule, today).ok) return refusal(deps.logger, ERRORS.RECURRENCE_REFUSED);
    const first = occurrences(plan, today, 3).map((d) => formatDutchDate(d));
    if (!data.data.confirm) return meetingConfirmCard(plan, data.data.planId, first, 'Niet gepland.');
    const actor = actorOf(context);
    await agenda.planMeeting(werkgroepKey, plan, actor);
    return meetingConfirmCard(plan, data.data.planId, first, `Gepland door ${actor.name ?? 'een coördinator'}.`);
  });
}
