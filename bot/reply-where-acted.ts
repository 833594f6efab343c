// A sentence said where the user acted, for a turn no handler answers (a refusal, a failure): a plain
// reply to a message, the answer Teams shows for a card button (Action.Execute), or a message result
// for a search in the compose box.
import { ActivityTypes, type TurnContext } from 'botbuilder';

export async function replyWhereActed(context: TurnContext, text: string): Promise<void> {
  const { activity } = context;
  if (activity.type === ActivityTypes.Message) {
    await context.sendActivity(text);
  } else if (activity.type === ActivityTypes.Invoke) {
    const body = activity.name?.startsWith('composeExtension/')
      ? { composeExtension: { type: 'message', text } }
      : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text };
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
  }
}
