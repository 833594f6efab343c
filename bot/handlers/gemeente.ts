// gemeente <naam> remembers the user's gemeente; gemeente alone shows it.
import type { Application } from '@microsoft/teams-ai';
import { z } from 'zod/v4';
import { GEMEENTE_PATTERN } from '../commands';
import type { BotDeps } from '../deps';
import { userIdOf } from '../identity';

const nameSchema = z.string().trim().max(60, 'Een gemeentenaam is korter dan 60 tekens.');

export function registerGemeente(app: Application, deps: BotDeps): void {
  app.message(GEMEENTE_PATTERN, async (context) => {
    const userId = userIdOf(context.activity.from);
    const known = deps.kb.gemeenten.map((g) => g.naam).join(', ');
    const parsed = nameSchema.safeParse(GEMEENTE_PATTERN.exec(context.activity.text ?? '')?.groups?.naam ?? '');
    if (!parsed.success) {
      await context.sendActivity(`${parsed.error.issues[0]!.message} Bekende gemeenten: ${known}.`);
      return;
    }
    const wanted = parsed.data;
    if (wanted === '') {
      const current = await deps.store.gemeenteOf(userId);
      await context.sendActivity(
        current
          ? `Je gemeente is ${current}. Kies een andere met bijvoorbeeld: gemeente Baarn (bekend: ${known}).`
          : `Je hebt nog geen gemeente gekozen. Kies er een met bijvoorbeeld: gemeente Baarn (bekend: ${known}).`,
      );
      return;
    }
    const gemeente = deps.kb.findGemeente(wanted);
    if (!gemeente) {
      await context.sendActivity(`Die gemeente ken ik niet. Kies een van: ${known}. Staat jouw gemeente er niet bij? Vraag je coördinator haar toe te voegen.`);
      return;
    }
    await deps.store.setGemeente(userId, gemeente.naam);
    await context.sendActivity(`Je gemeente is nu ${gemeente.naam}. Bij je vragen zie je voortaan ook de lokale meldpunten van ${gemeente.naam}, waar die zijn ingevuld.`);
  });
}
