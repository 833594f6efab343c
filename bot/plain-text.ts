// Every text the bot sends is plain text: a reply that quotes what someone typed (a topic, a date,
// a gemeente) must not turn their Markdown into a live link. Installed once on the adapter, so it holds
// for replies in a turn and for proactive messages alike; a message that chose a format keeps it.
import type { Activity, MiddlewareHandler } from 'botbuilder';

export function asPlainText(activity: Partial<Activity>): void {
  if ((activity.type ?? 'message') === 'message' && typeof activity.text === 'string' && !activity.textFormat) activity.textFormat = 'plain';
}

export const plainTextReplies: MiddlewareHandler = async (context, next) => {
  context.onSendActivities(async (_context, activities, sendNext) => {
    activities.forEach(asPlainText);
    return sendNext();
  });
  context.onUpdateActivity(async (_context, activity, updateNext) => {
    asPlainText(activity);
    return updateNext();
  });
  await next();
};
