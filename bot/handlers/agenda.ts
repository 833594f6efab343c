// agenda and its subcommands; proposals are decided by a coordinator with card buttons. Parses, asks
// bot/roles.ts who may, calls the AgendaService and replies.
import type { Application } from '@microsoft/teams-ai';
import { CardFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod/v4';
import { agendaCard, listCard, meetingLabel, proposalCard } from '../../cards/werkgroep-cards';
import { parseAgendaItem } from '../../agenda/meeting-schedule';
import { formatDutchDateTime } from '../../time/dutch-dates';
import type { ItemChange } from '../agenda/agenda-service';
import { AGENDA_PATTERN, CARD_VERBS } from '../commands';
import type { BotDeps } from '../deps';
import { ERRORS, refusal, refuse } from '../errors';
import { actorOf, isWerkgroepConversation, requireWerkgroepChannel } from '../werkgroep-channel';
import { werkgroepKeyOf } from '../identity';
import { SentCards } from '../sent-cards';

const decisionSchema = z.object({ itemId: z.coerce.number().int().positive(), decision: z.enum(['accepteren', 'afwijzen']) });
const HISTORY_SIZE = 20;
const proposalCardKey = (itemId: number) => `agendavoorstel:${itemId}`;

const quoted = (topic: string) => `"${topic}"`;

/** "agenda verwijderen 2", "agenda afgerond 2", "agenda verplaatsen 3 1"; null when the numbers do not fit. */
function parseItemChange(command: 'verwijderen' | 'verplaatsen' | 'afgerond', argument: string): ItemChange | null {
  const numbers = argument.split(/\s+/).filter(Boolean).map(Number);
  const expected = command === 'verplaatsen' ? 2 : 1;
  if (numbers.length !== expected || numbers.some((n) => !Number.isInteger(n))) return null;
  return command === 'verplaatsen' ? { kind: command, number: numbers[0]!, to: numbers[1]! } : { kind: command, number: numbers[0]! };
}

export function registerAgenda(app: Application, deps: BotDeps): void {
  const { agenda } = deps;
  const proposalCards = new SentCards();

  app.message(AGENDA_PATTERN, async (context: TurnContext) => {
    if (!(await requireWerkgroepChannel(context, deps.logger))) return;
    const rest = (AGENDA_PATTERN.exec(context.activity.text ?? '')?.groups?.rest ?? '').trim();
    const conversationId = werkgroepKeyOf(context.activity);
    const actor = actorOf(context);
    const [, sub = '', argument = ''] = /^(\S*)\s*([\s\S]*)$/.exec(rest) ?? [];
    const command = sub.toLowerCase();

    if (command === '' || command === 'publiceren') {
      if (command === 'publiceren' && !(await deps.roles.isCoordinator(context.activity))) return refuse(context, deps.logger, ERRORS.NOT_A_COORDINATOR);
      const view = command === 'publiceren' ? await agenda.publish(conversationId, actor) : await agenda.nextAgenda(conversationId);
      if (!view) return refuse(context, deps.logger, ERRORS.NO_MEETING);
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(agendaCard(view.meeting, view.items, view.deadline))] });
      return;
    }

    if (command === 'geschiedenis') {
      const history = await agenda.store.history(conversationId, HISTORY_SIZE);
      const lines = history.map(
        (h) => `${formatDutchDateTime(h.at)} · ${h.actorName ?? 'Meldwijzer'} · ${h.action}`,
      );
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(listCard('Geschiedenis van de agenda', lines, 'Nog geen wijzigingen.'))] });
      return;
    }

    if (command === 'toevoegen' || command === 'voorstel') {
      if (command === 'toevoegen' && !(await deps.roles.isCoordinator(context.activity))) return refuse(context, deps.logger, ERRORS.NOT_A_COORDINATOR_MAY_PROPOSE);
      const parsed = parseAgendaItem(argument);
      if (!parsed.ok) return void (await context.sendActivity(parsed.reason));
      const added = await agenda.addItem(conversationId, parsed.item, command === 'toevoegen' ? 'gepland' : 'voorstel', actor);
      if (!added) return refuse(context, deps.logger, ERRORS.NO_MEETING);
      const late = added.deadlinePassedFor
        ? `De agenda van ${meetingLabel(added.deadlinePassedFor)} is gesloten (punten aandragen kon tot 2 werkdagen ervoor, 09:00). `
        : '';
      const label = meetingLabel(added.meeting);
      if (command === 'toevoegen') {
        await context.sendActivity(`${late}Toegevoegd als punt ${added.number} aan de agenda van ${label}.`);
        return;
      }
      const sent = await context.sendActivity({
        text: `${late}Je voorstel staat klaar voor een coördinator.`,
        attachments: [CardFactory.adaptiveCard(proposalCard({ itemId: added.itemId, topic: parsed.item.topic, toelichting: parsed.item.toelichting, proposer: actor.name, meeting: label }))],
      });
      proposalCards.remember(context.activity.conversation.id, proposalCardKey(added.itemId), sent?.id);
      return;
    }

    if (command === 'verwijderen' || command === 'verplaatsen' || command === 'afgerond') {
      if (!(await deps.roles.isCoordinator(context.activity))) return refuse(context, deps.logger, ERRORS.NOT_A_COORDINATOR);
      const view = await agenda.nextAgenda(conversationId);
      if (!view) return refuse(context, deps.logger, ERRORS.NO_MEETING);
      const change = parseItemChange(command, argument);
      if (!change) {
        await context.sendActivity(command === 'verplaatsen' ? 'Gebruik: agenda verplaatsen <nr> <nieuw nr>, bijvoorbeeld agenda verplaatsen 3 1.' : `Gebruik: agenda ${command} <nr>, bijvoorbeeld agenda ${command} 2.`);
        return;
      }
      const result = await agenda.changeItem(conversationId, change, actor);
      if (!result.ok) {
        if (result.reason === 'no-meeting') return refuse(context, deps.logger, ERRORS.NO_MEETING);
        await context.sendActivity(`Punt ${result.number} bestaat niet: de agenda van ${meetingLabel(result.meeting)} heeft ${result.count} ${result.count === 1 ? 'punt' : 'punten'}.`);
        return;
      }
      const topic = quoted(result.topic);
      if (change.kind === 'verplaatsen') await context.sendActivity(`${topic} is nu punt ${change.to}.`);
      else if (change.kind === 'verwijderen') await context.sendActivity(`Punt ${change.number} (${topic}) is van de agenda gehaald.`);
      else await context.sendActivity(`Punt ${change.number} (${topic}) is afgerond.`);
      return;
    }

    await context.sendActivity('Gebruik: agenda, agenda toevoegen <onderwerp> [(15 min)] [— toelichting], agenda voorstel <onderwerp>, agenda verwijderen <nr>, agenda verplaatsen <nr> <nieuw nr>, agenda afgerond <nr>, agenda geschiedenis, agenda publiceren.');
  });

  app.adaptiveCards.actionExecute(CARD_VERBS.agendaVoorstel, async (context: TurnContext, _state, rawData) => {
    const data = decisionSchema.safeParse(rawData);
    if (!data.success) return refusal(deps.logger, ERRORS.STALE_BUTTON);
    if (!isWerkgroepConversation(context)) return refusal(deps.logger, ERRORS.WERKGROEP_CHANNEL_ONLY);
    const conversationId = werkgroepKeyOf(context.activity);
    const proposal = await agenda.proposal(conversationId, data.data.itemId);
    if (!proposal) return refusal(deps.logger, ERRORS.PROPOSAL_GONE);
    if (!(await deps.roles.isCoordinator(context.activity))) return refusal(deps.logger, ERRORS.NOT_A_COORDINATOR);
    const actor = actorOf(context);
    const decision = await agenda.decideProposal(conversationId, proposal, data.data.decision === 'accepteren', actor);
    const cardInput = { itemId: proposal.id, topic: proposal.topic, toelichting: proposal.toelichting, proposer: proposal.addedByName, meeting: decision.meetingLabel };
    if (!decision.ok) {
      if (decision.reason === 'no-meeting') return refusal(deps.logger, ERRORS.NO_MEETING_TO_ACCEPT);
      return proposalCard({ ...cardInput, outcome: 'Over dit voorstel is al besloten.' });
    }
    const { accepted, meetingLabel: meeting } = decision;
    const outcome = accepted ? `Geaccepteerd door ${actor.name ?? 'een coördinator'}: staat op de agenda van ${meeting}.` : `Afgewezen door ${actor.name ?? 'een coördinator'}.`;
    // The proposer hears the outcome in the channel.
    await context.sendActivity(`${proposal.addedByName ?? 'Voorsteller'}: je voorstel ${quoted(proposal.topic)} is ${accepted ? `geaccepteerd en staat op de agenda van ${meeting}` : 'afgewezen'}.`);
    const card = proposalCard({ ...cardInput, outcome });
    // Only the proposal card the bot posted itself is refreshed, whatever message id the client names.
    const posted = proposalCards.find(context.activity.conversation.id, proposalCardKey(proposal.id), context.activity.replyToId);
    if (posted) await context.updateActivity({ id: posted, type: 'message', attachments: [CardFactory.adaptiveCard(card)] });
    return card;
  });
}
