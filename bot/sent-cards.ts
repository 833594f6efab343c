// The cards the bot sent that a button may later refresh in place, by conversation and card. A card
// action names the message it came from (replyToId), but the client chooses that id: the bot updates
// only a message it recorded here itself. Bounded: the oldest cards are forgotten first (after a restart
// all are; a handler then answers without an update or posts a fresh card).
const MAX_CARDS = 5_000;
const IDS_PER_CARD = 5;

export class SentCards {
  private readonly ids = new Map<string, string[]>();

  constructor(private readonly maxCards = MAX_CARDS) {}

  remember(conversationId: string, cardKey: string, activityId: string | undefined): void {
    if (!activityId) return;
    const key = `${conversationId}\n${cardKey}`;
    const ids = [activityId, ...(this.ids.get(key) ?? []).filter((id) => id !== activityId)].slice(0, IDS_PER_CARD);
    this.ids.delete(key);
    this.ids.set(key, ids);
    if (this.ids.size > this.maxCards) this.ids.delete(this.ids.keys().next().value!);
  }

  /** The message to refresh: the one the client names when the bot sent it for this card here, else the latest. */
  find(conversationId: string, cardKey: string, claimedId: string | undefined): string | undefined {
    const ids = this.ids.get(`${conversationId}\n${cardKey}`) ?? [];
    return claimedId && ids.includes(claimedId) ? claimedId : ids[0];
  }
}
