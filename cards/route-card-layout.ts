// The route card's Adaptive Card, written out in code rather than expanded from a template: it is sent
// with every answer, and the templating engine's expression evaluation cost more than the search.
// Every other card is expanded from cards/templates (see render.ts).
import type { AdaptiveCard } from './render';
import type { LinkButton, RouteCardData } from './route-card';

const openUrl = (button: LinkButton, style?: 'destructive') => ({
  type: 'Action.OpenUrl',
  title: button.title,
  url: button.url,
  tooltip: button.tooltip,
  ...(style ? { style } : {}),
});

/** Elements that are present only when `condition` holds (the template's `$when`). */
const when = <T>(condition: boolean, element: () => T): T[] => (condition ? [element()] : []);

export function routeCardLayout(data: RouteCardData): AdaptiveCard {
  const { acute, alert } = data;
  const body: unknown[] = [
    ...when(acute !== null, () => ({
      type: 'Container',
      id: 'acuut',
      style: 'attention',
      bleed: true,
      items: [
        { type: 'ActionSet', actions: acute!.buttons.map((b) => openUrl(b, 'destructive')) },
        { type: 'TextBlock', text: acute!.heading, size: 'Medium', weight: 'Bolder', wrap: true, spacing: 'Small' },
        { type: 'TextBlock', text: acute!.text, wrap: true, spacing: 'None' },
      ],
    })),
    ...when(alert !== null, () => ({
      type: 'Container',
      id: 'direct-gevaar',
      style: 'warning',
      bleed: true,
      items: [
        { type: 'TextBlock', text: alert!.text, weight: 'Bolder', wrap: true },
        { type: 'ActionSet', actions: alert!.buttons.map((b) => openUrl(b)) },
      ],
    })),
    ...when(data.privacyNotice !== null, () => ({
      type: 'Container',
      style: 'warning',
      items: [{ type: 'TextBlock', text: data.privacyNotice, wrap: true, size: 'Small' }],
    })),
    ...when(data.showTitle, () => ({ type: 'TextBlock', text: data.title, size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' })),
    { type: 'TextBlock', text: data.summary, wrap: true },
    ...when(data.localNotice !== null, () => ({ type: 'TextBlock', text: data.localNotice, wrap: true, isSubtle: true, size: 'Small' })),
    ...when(data.contacts.length > 0, () => ({ type: 'ActionSet', actions: data.contacts.map((b) => openUrl(b)) })),
    ...when(data.safetyLine !== null, () => ({ type: 'TextBlock', text: data.safetyLine, wrap: true, size: 'Small', weight: 'Bolder', spacing: 'Small' })),
    ...when(data.collapseSteps, () => ({
      type: 'ActionSet',
      actions: [{ type: 'Action.ToggleVisibility', title: 'Alle stappen', targetElements: ['stappen'] }],
    })),
    {
      type: 'Container',
      id: 'stappen',
      isVisible: !data.collapseSteps,
      items: [
        ...when(data.steps.length > 0, () => ({ type: 'TextBlock', text: 'Stappen', weight: 'Bolder', spacing: 'Medium' })),
        ...data.steps.map((step) => ({ type: 'TextBlock', text: `${step.number}. ${step.text}`, wrap: true, spacing: 'Small' })),
        { type: 'TextBlock', text: `Bron: ${data.source} · gecontroleerd ${data.reviewed}`, wrap: true, isSubtle: true, size: 'Small', spacing: 'Medium' },
        ...when(data.reviewNotice !== null, () => ({ type: 'TextBlock', text: data.reviewNotice, wrap: true, size: 'Small', color: 'Warning', spacing: 'None' })),
      ],
    },
    ...when(data.alternatives.length > 0, () => ({ type: 'TextBlock', text: 'Bedoelde je …?', weight: 'Bolder', spacing: 'Medium' })),
    ...when(data.alternatives.length > 0, () => ({
      type: 'ActionSet',
      actions: data.alternatives.map((a) => ({ type: 'Action.Submit', title: a.title, data: { verb: 'showItem', itemId: a.itemId } })),
    })),
    ...when(data.feedbackGiven, () => ({ type: 'TextBlock', text: 'Bedankt voor je feedback.', isSubtle: true, size: 'Small', spacing: 'Medium' })),
  ];
  const feedback = { itemId: data.itemId, urgency: data.urgencyKind, alternativeIds: data.alternativeIds };
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    msteams: { width: 'Full' },
    body,
    actions: data.feedbackGiven
      ? []
      : [
          { type: 'Action.Execute', title: 'Nuttig', verb: 'feedback', data: { ...feedback, useful: true } },
          { type: 'Action.Execute', title: 'Niet nuttig', verb: 'feedback', data: { ...feedback, useful: false, question: data.question } },
        ],
  };
}
