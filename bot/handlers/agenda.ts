// agenda and its subcommands; proposals are decided by a coordinator with card buttons.
import type { Application } from '@microsoft/teams-ai';
import { CardFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod/v4';
import { agendaCard, listCard, meetingLabel, proposalCard } from '../../cards/werkgroep-cards';
import { parseAgendaItem } from '../../agenda/meeting-schedule';
import { formatDutchDateTime } from '../../agenda/dutch-dates';
import { AGENDA_PATTERN, CARD_VERBS } from '../commands';
import type { BotDeps } from '../deps';
import { NOT_A_COORDINATOR } from '../roles';
import { actorOf, isWerkgroepConversation, requireWerkgroepChannel, WERKGROEP_CHANNEL_ONLY } from '../werkgroep/channel-only';
import { werkgroepKeyOf } from '../identity';
import { SentCards } from '../sent-cards';

const decisionSchema = z.object({ itemId: z.coerce.number().int().positive(), decision: z.enum(['accepteren', 'afwijzen']) });
const NO_MEETING = 'Er is nog geen overleg gepland. Een coördinator plant het met: overleg plannen 9 december 10:00.';
const NO_MEETING_TO_ACCEPT = 'Er is geen volgend overleg om dit voorstel op te zetten (het volgende is geannuleerd of nog niet gepland). Het voorstel blijft open: plan eerst een overleg met overleg plannen, en accepteer het dan.';
const HISTORY_SIZE = 20;
const proposalCardKey = (itemId: number) => `agendavoorstel:${itemId}`;

const quoted = (topic: string) => `"${topic}"`;

export function registerAgenda(app: Application, deps: BotDeps): void {
  const { werkgroep } = deps;
  const proposalCards = new SentCards();

  app.message(AGENDA_PATTERN, async (context: TurnContext) => {
    if (!(await requireWerkgroepChannel(context))) return;
    const rest = (AGENDA_PATTERN.exec(context.activity.text ?? '')?.groups?.rest ?? '').trim();
    const conversationId = werkgroepKeyOf(context.activity);
    const actor = actorOf(context);
    const [, sub = '', argument = ''] = /^(\S*)\s*([\s\S]*)$/.exec(rest) ?? [];
    const command = sub.toLowerCase();

    if (command === '' || command === 'publiceren') {
      if (command === 'publiceren' && !(await werkgroep.isCoordinator(context.activity))) {
        await context.sendActivity(NOT_A_COORDINATOR);
        return;
      }
      const view = await werkgroep.agenda(conversationId);
      if (!view) return void (await context.sendActivity(NO_MEETING));
      if (command === 'publiceren') await werkgroep.store.recordAudit(conversationId, actor, `agenda van ${meetingLabel(view.meeting)} gepubliceerd`);
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(agendaCard(view.meeting, view.items, view.deadline))] });
      return;
    }

    if (command === 'geschiedenis') {
      const history = await werkgroep.store.history(conversationId, HISTORY_SIZE);
      const lines = history.map(
        (h) => `${formatDutchDateTime(h.at)} · ${h.actorName ?? 'Meldwijzer'} · ${h.action}`,
      );
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(listCard('Geschiedenis van de agenda', lines, 'Nog geen wijzigingen.'))] });
      return;
    }

    if (command === 'toevoegen' || command === 'voorstel') {
      const isCoordinator = await werkgroep.isCoordinator(context.activity);
      if (command === 'toevoegen' && !isCoordinator) {
        await context.sendActivity(`${NOT_A_COORDINATOR} Je kunt het wel voorstellen: agenda voorstel <onderwerp>.`);
        return;
      }
      const parsed = parseAgendaItem(argument);
      if (!parsed.ok) return void (await context.sendActivity(parsed.reason));
      const target = await werkgroep.meetingForNewItem(conversationId);
      if (!target) return void (await context.sendActivity(NO_MEETING));
      const late = target.deadlinePassedFor
        ? `De agenda van ${meetingLabel(target.deadlinePassedFor)} is gesloten (punten aandragen kon tot 2 werkdagen ervoor, 09:00). `
        : '';
      const label = meetingLabel(target.meeting);
      if (command === 'toevoegen') {
        await werkgroep.store.addItem(conversationId, target.meeting.dateKey, { ...parsed.item, status: 'gepland' }, actor, `toegevoegd: ${quoted(parsed.item.topic)} (overleg ${label})`);
        const count = (await werkgroep.store.items(conversationId, target.meeting.dateKey)).length;
        await context.sendActivity(`${late}Toegevoegd als punt ${count} aan de agenda van ${label}.`);
        return;
      }
      const itemId = await werkgroep.store.addItem(conversationId, target.meeting.dateKey, { ...parsed.item, status: 'voorstel' }, actor, `voorgesteld: ${quoted(parsed.item.topic)} (overleg ${label})`);
      const sent = await context.sendActivity({
        text: `${late}Je voorstel staat klaar voor een coördinator.`,
        attachments: [CardFactory.adaptiveCard(proposalCard({ itemId, topic: parsed.item.topic, toelichting: parsed.item.toelichting, proposer: actor.name, meeting: label }))],
      });
      proposalCards.remember(context.activity.conversation.id, proposalCardKey(itemId), sent?.id);
      return;
    }

    if (['verwijderen', 'verplaatsen', 'afgerond'].includes(command)) {
      if (!(await werkgroep.isCoordinator(context.activity))) return void (await context.sendActivity(NOT_A_COORDINATOR));
      const view = await werkgroep.agenda(conversationId);
      if (!view) return void (await context.sendActivity(NO_MEETING));
      const numbers = argument.split(/\s+/).filter(Boolean).map(Number);
      const expected = command === 'verplaatsen' ? 2 : 1;
      if (numbers.length !== expected || numbers.some((n) => !Number.isInteger(n))) {
        await context.sendActivity(command === 'verplaatsen' ? 'Gebruik: agenda verplaatsen <nr> <nieuw nr>, bijvoorbeeld agenda verplaatsen 3 1.' : `Gebruik: agenda ${command} <nr>, bijvoorbeeld agenda ${command} 2.`);
        return;
      }
      const outOfRange = numbers.find((n) => n < 1 || n > view.items.length);
      if (outOfRange !== undefined) {
        await context.sendActivity(`Punt ${outOfRange} bestaat niet: de agenda van ${meetingLabel(view.meeting)} heeft ${view.items.length} ${view.items.length === 1 ? 'punt' : 'punten'}.`);
        return;
      }
      const item = view.items[numbers[0]! - 1]!;
      if (command === 'verwijderen') {
        // One transaction: the item goes and the rest close up, also with a second instance at work.
        await werkgroep.store.removeItem(item.id, conversationId, actor, `verwijderd: ${quoted(item.topic)}`);
        await context.sendActivity(`Punt ${numbers[0]} (${quoted(item.topic)}) is van de agenda gehaald.`);
      } else if (command === 'afgerond') {
        await werkgroep.store.setStatus(item.id, conversationId, 'afgerond', actor, `afgerond: ${quoted(item.topic)}`);
        await context.sendActivity(`Punt ${numbers[0]} (${quoted(item.topic)}) is afgerond.`);
      } else {
        const order = view.items.filter((i) => i.id !== item.id).map((i) => i.id);
        order.splice(numbers[1]! - 1, 0, item.id);
        await werkgroep.store.reorder(conversationId, order, actor, `verplaatst: ${quoted(item.topic)} van ${numbers[0]} naar ${numbers[1]}`);
        await context.sendActivity(`${quoted(item.topic)} is nu punt ${numbers[1]}.`);
      }
      return;
    }

    await context.sendActivity('Gebruik: agenda, agenda toevoegen <onderwerp> [(15 min)] [— toelichting], agenda voorstel <onderwerp>, agenda verwijderen <nr>, agenda verplaatsen <nr> <nieuw nr>, agenda afgerond <nr>, agenda geschiedenis, agenda publiceren.');
  });

  app.adaptiveCards.actionExecute(CARD_VERBS.agendaVoorstel, async (context: TurnContext, _state, rawData) => {
    const data = decisionSchema.safeParse(rawData);
    if (!data.success) return 'Deze knop werkt niet meer.';
    if (!isWerkgroepConversation(context)) return WERKGROEP_CHANNEL_ONLY;
    const item = await werkgroep.store.item(data.data.itemId);
    if (!item || item.conversationId !== werkgroepKeyOf(context.activity)) return 'Dit voorstel bestaat niet (meer).';
    if (!(await werkgroep.isCoordinator(context.activity))) return NOT_A_COORDINATOR;
    const actor = actorOf(context);
    const target = await werkgroep.meetingForNewItem(item.conversationId);
    const meeting = target ? meetingLabel(target.meeting) : item.meetingDate;
    const cardInput = { itemId: item.id, topic: item.topic, toelichting: item.toelichting, proposer: item.addedByName, meeting };
    if (item.status !== 'voorstel') return proposalCard({ ...cardInput, outcome: 'Over dit voorstel is al besloten.' });
    const accepted = data.data.decision === 'accepteren';
    if (accepted) {
      // Accepting needs a meeting to put it on; without one nothing is decided (not a silent rejection).
      if (!target) return NO_MEETING_TO_ACCEPT;
      await werkgroep.store.setStatus(item.id, item.conversationId, 'gepland', actor, `voorstel geaccepteerd: ${quoted(item.topic)}`, target.meeting.dateKey);
    } else {
      await werkgroep.store.setStatus(item.id, item.conversationId, 'afgewezen', actor, `voorstel afgewezen: ${quoted(item.topic)}`);
    }
    const outcome = accepted ? `Geaccepteerd door ${actor.name ?? 'een coördinator'}: staat op de agenda van ${meeting}.` : `Afgewezen door ${actor.name ?? 'een coördinator'}.`;
    // The proposer hears the outcome in the channel.
    await context.sendActivity(`${item.addedByName ?? 'Voorsteller'}: je voorstel ${quoted(item.topic)} is ${accepted ? `geaccepteerd en staat op de agenda van ${meeting}` : 'afgewezen'}.`);
    const card = proposalCard({ ...cardInput, outcome });
    // Only the proposal card the bot posted itself is refreshed, whatever message id the client names.
    const posted = proposalCards.find(context.activity.conversation.id, proposalCardKey(item.id), context.activity.replyToId);
    if (posted) await context.updateActivity({ id: posted, type: 'message', attachments: [CardFactory.adaptiveCard(card)] });
    return card;
  });
}
