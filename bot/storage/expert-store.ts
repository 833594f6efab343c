// "Vraag een collega": the experts' channel of each tenant, the questions posted there, who picked
// each up and who answered it, and the question+answer pairs kept for content editors. Only masked
// text is stored. A question and its post to the channel, and an answer with its message to the
// asker and its candidate phrasing, are each written in one transaction: nothing half-done.
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { Clock } from '../clock';
import { enqueueMessage, sentActivityId } from '../outbox/outbox';
import type { PersonRecipient } from '../outbox/proactive-sender';
import { LOCAL_TENANT } from '../tenants';
import type { ChangeFeed } from './change-feed';
import { CoherentCache } from './coherent-cache';
import type { SqlClient } from './sql-client';

/** Tenants whose experts' channel is kept in memory: every no-answer card asks for it. */
const CHANNEL_CACHE_SIZE = 1_000;

export interface Person {
  id: string;
  name: string | null;
}

export interface ExpertChannel {
  tenantId: string;
  /** The channel id (werkgroepKeyOf), never a thread. */
  conversationId: string;
  /** Its conversation reference, with conversation.id the channel id: a send there is a new post. */
  reference: Record<string, unknown>;
  setBy: Person;
  setAt: Date;
}

/** What Teams needs to start a 1:1 chat with the asker. */
export interface Asker {
  teamsId: string;
  aadObjectId: string | null;
  serviceUrl: string;
  botId: string;
}

export interface ExpertQuestion {
  id: string;
  tenantId: string;
  maskedQuestion: string;
  itemId: string | null;
  gemeente: string | null;
  asker: Asker;
  channelConversationId: string;
  claimed: { by: Person; at: Date } | null;
  answered: { by: Person; at: Date; maskedAnswer: string } | null;
  createdAt: Date;
}

export interface NewExpertQuestion {
  tenantId: string;
  /** Chosen when the form was shown: the same form sent twice is one question. */
  formId: string;
  maskedQuestion: string;
  itemId: string | null;
  gemeente: string | null;
  asker: Asker;
  channel: ExpertChannel;
}

export interface CandidatePhrasing {
  questionId: string;
  itemId: string | null;
  maskedQuestion: string;
  maskedAnswer: string;
  answeredByName: string | null;
  createdAt: Date;
}

/** Outbox keys: the question's post in the experts' channel, and the answer to the asker. */
export const postKey = (questionId: string) => `expertvraag:${questionId}`;
export const answerKey = (questionId: string) => `expertantwoord:${questionId}`;

type QuestionRow = {
  id: string;
  tenant_id: string;
  masked_question: string;
  item_id: string | null;
  gemeente: string | null;
  asker_teams_id: string;
  asker_aad_id: string | null;
  service_url: string;
  bot_id: string;
  channel_conversation_id: string;
  claimed_by_id: string | null;
  claimed_by_name: string | null;
  claimed_at: Date | null;
  answered_by_id: string | null;
  answered_by_name: string | null;
  answered_at: Date | null;
  masked_answer: string | null;
  created_at: Date;
};

function toQuestion(row: QuestionRow): ExpertQuestion {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    maskedQuestion: row.masked_question,
    itemId: row.item_id,
    gemeente: row.gemeente,
    asker: { teamsId: row.asker_teams_id, aadObjectId: row.asker_aad_id, serviceUrl: row.service_url, botId: row.bot_id },
    channelConversationId: row.channel_conversation_id,
    claimed: row.claimed_at ? { by: { id: row.claimed_by_id!, name: row.claimed_by_name }, at: new Date(row.claimed_at) } : null,
    answered:
      row.answered_at && row.masked_answer
        ? { by: { id: row.answered_by_id!, name: row.answered_by_name }, at: new Date(row.answered_at), maskedAnswer: row.masked_answer }
        : null,
    createdAt: new Date(row.created_at),
  };
}

export class ExpertStore {
  private readonly channelCache: CoherentCache<ExpertChannel | null>;

  constructor(
    private readonly sql: SqlClient,
    private readonly clock: Clock,
    feed: ChangeFeed,
  ) {
    this.channelCache = new CoherentCache(feed, 'expert-channel', CHANNEL_CACHE_SIZE);
  }

  async setChannel(tenantId: string, conversationId: string, reference: Record<string, unknown>, by: Person): Promise<void> {
    await this.sql.query(
      `insert into expert_channels (tenant_id, conversation_id, reference, set_by_id, set_by_name, set_at) values ($1, $2, $3, $4, $5, $6)
       on conflict (tenant_id) do update set conversation_id = excluded.conversation_id, reference = excluded.reference,
         set_by_id = excluded.set_by_id, set_by_name = excluded.set_by_name, set_at = excluded.set_at`,
      [tenantId, conversationId, JSON.stringify(reference), by.id, by.name, this.clock.now()],
    );
    await this.channelCache.changed(tenantId);
  }

  /** The tenant's experts' channel (a copy: callers may not change the kept one). */
  async channel(tenantId: string): Promise<ExpertChannel | null> {
    const channel = await this.channelCache.get(tenantId, () => this.readChannel(tenantId));
    return channel ? { ...channel, reference: structuredClone(channel.reference), setBy: { ...channel.setBy }, setAt: new Date(channel.setAt) } : null;
  }

  private async readChannel(tenantId: string): Promise<ExpertChannel | null> {
    const rows = await this.sql.query<{ tenant_id: string; conversation_id: string; reference: Record<string, unknown>; set_by_id: string; set_by_name: string | null; set_at: Date }>(
      'select * from expert_channels where tenant_id = $1',
      [tenantId],
    );
    const row = rows[0];
    return row
      ? { tenantId: row.tenant_id, conversationId: row.conversation_id, reference: row.reference, setBy: { id: row.set_by_id, name: row.set_by_name }, setAt: new Date(row.set_at) }
      : null;
  }

  /**
   * Stores a question and queues its post to the experts' channel (built by `post`, which gets the
   * stored question). The same form sent again returns the question stored the first time.
   */
  async ask(input: NewExpertQuestion, post: (question: ExpertQuestion) => Partial<Activity>): Promise<{ question: ExpertQuestion; isNew: boolean }> {
    return this.sql.transaction(async (tx) => {
      const now = this.clock.now();
      const inserted = await tx.query<QuestionRow>(
        `insert into expert_questions (id, tenant_id, form_id, masked_question, item_id, gemeente, asker_teams_id, asker_aad_id, service_url, bot_id, channel_conversation_id, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) on conflict (asker_teams_id, form_id) do nothing returning *`,
        [
          randomUUID(),
          input.tenantId,
          input.formId,
          input.maskedQuestion,
          input.itemId,
          input.gemeente,
          input.asker.teamsId,
          input.asker.aadObjectId,
          input.asker.serviceUrl,
          input.asker.botId,
          input.channel.conversationId,
          now,
        ],
      );
      if (inserted.length === 0) {
        const existing = await tx.query<QuestionRow>('select * from expert_questions where asker_teams_id = $1 and form_id = $2', [input.asker.teamsId, input.formId]);
        return { question: toQuestion(existing[0]!), isNew: false };
      }
      const question = toQuestion(inserted[0]!);
      await enqueueMessage(tx, now, {
        idempotencyKey: postKey(question.id),
        conversationId: input.channel.conversationId,
        tenantId: input.tenantId,
        payload: post(question),
        recipient: { kind: 'conversation', reference: input.channel.reference },
      });
      return { question, isNew: true };
    });
  }

  /** How many questions this person (Teams id) asked in the last hour. */
  async questionsInLastHour(askerTeamsId: string): Promise<number> {
    const since = new Date(this.clock.now().getTime() - 60 * 60_000);
    const rows = await this.sql.query<{ n: number }>('select count(*)::int as n from expert_questions where asker_teams_id = $1 and created_at > $2', [askerTeamsId, since]);
    return rows[0]?.n ?? 0;
  }

  async question(id: string): Promise<ExpertQuestion | null> {
    const rows = await this.sql.query<QuestionRow>('select * from expert_questions where id = $1', [id]);
    return rows[0] ? toQuestion(rows[0]) : null;
  }

  /** The first to pick a question up has it; picking it up again changes nothing. */
  async claim(id: string, by: Person): Promise<{ outcome: 'claimed' | 'claimedByOther' | 'answered'; question: ExpertQuestion } | null> {
    const updated = await this.sql.query<QuestionRow>(
      `update expert_questions set claimed_by_id = $2, claimed_by_name = $3, claimed_at = $4
       where id = $1 and answered_at is null and claimed_at is null returning *`,
      [id, by.id, by.name, this.clock.now()],
    );
    if (updated[0]) return { outcome: 'claimed', question: toQuestion(updated[0]) };
    const question = await this.question(id);
    if (!question) return null;
    if (question.answered) return { outcome: 'answered', question };
    return { outcome: question.claimed!.by.id === by.id ? 'claimed' : 'claimedByOther', question };
  }

  /**
   * Records the answer (once: a second answer is refused), keeps the pair as a candidate phrasing and
   * queues the message to the asker's 1:1 chat (built by `message`), all in one transaction.
   */
  async answer(
    id: string,
    by: Person,
    maskedAnswer: string,
    message: (question: ExpertQuestion) => Partial<Activity>,
  ): Promise<{ outcome: 'answered' | 'alreadyAnswered'; question: ExpertQuestion } | null> {
    return this.sql.transaction(async (tx) => {
      const now = this.clock.now();
      const updated = await tx.query<QuestionRow>(
        `update expert_questions set answered_by_id = $2, answered_by_name = $3, answered_at = $4, masked_answer = $5
         where id = $1 and answered_at is null returning *`,
        [id, by.id, by.name, now, maskedAnswer],
      );
      if (!updated[0]) {
        const rows = await tx.query<QuestionRow>('select * from expert_questions where id = $1', [id]);
        return rows[0] ? { outcome: 'alreadyAnswered' as const, question: toQuestion(rows[0]) } : null;
      }
      const question = toQuestion(updated[0]);
      await tx.query(
        `insert into candidate_phrasings (question_id, item_id, masked_question, masked_answer, answered_by_name, created_at)
         values ($1, $2, $3, $4, $5, $6) on conflict (question_id) do nothing`,
        [question.id, question.itemId, question.maskedQuestion, maskedAnswer, by.name, now],
      );
      const recipient: PersonRecipient = {
        kind: 'person',
        teamsUserId: question.asker.teamsId,
        aadObjectId: question.asker.aadObjectId,
        tenantId: question.tenantId === LOCAL_TENANT ? null : question.tenantId,
        serviceUrl: question.asker.serviceUrl,
        botId: question.asker.botId,
      };
      await enqueueMessage(tx, now, {
        idempotencyKey: answerKey(question.id),
        conversationId: `persoon:${question.asker.teamsId}`,
        tenantId: recipient.tenantId,
        payload: message(question),
        recipient,
      });
      return { outcome: 'answered' as const, question };
    });
  }

  /** The id of the question's post in the experts' channel, as Teams gave it when the bot posted it. */
  async postedActivityId(id: string): Promise<string | null> {
    return sentActivityId(this.sql, postKey(id));
  }

  /** The pairs kept for content editors, newest first. */
  async candidatePhrasings(limit = 50): Promise<CandidatePhrasing[]> {
    const rows = await this.sql.query<{ question_id: string; item_id: string | null; masked_question: string; masked_answer: string; answered_by_name: string | null; created_at: Date }>(
      'select * from candidate_phrasings order by id desc limit $1',
      [limit],
    );
    return rows.map((r) => ({
      questionId: r.question_id,
      itemId: r.item_id,
      maskedQuestion: r.masked_question,
      maskedAnswer: r.masked_answer,
      answeredByName: r.answered_by_name,
      createdAt: new Date(r.created_at),
    }));
  }
}
