// The uitvoeringsplan file: doelstellingen with their actions, and milestones per gemeente per quarter.
import { z } from 'zod/v4';

const quarterText = z.string().regex(/^\d{4}-Q[1-4]$/, 'verwacht een kwartaal als 2024-Q1');

export const planFileSchema = z
  .object({
    period: z.object({ name: z.string().min(3), from: quarterText, to: quarterText }).strict(),
    source: z.string().min(3),
    doelstellingen: z
      .array(
        z
          .object({
            number: z.number().int().min(1),
            title: z.string().min(3),
            actions: z.array(z.object({ code: z.string().regex(/^\d+[a-z]$/, 'verwacht een actiecode als 1a'), description: z.string().min(3) }).strict()).min(1),
          })
          .strict(),
      )
      .min(1),
    gemeenten: z
      .array(
        z
          .object({
            naam: z.string().min(2),
            mijlpalen: z.array(z.object({ quarter: quarterText, title: z.string().min(3).max(120), action: z.string() }).strict()),
          })
          .strict(),
      )
      .min(1),
  })
  .strict()
  .superRefine((plan, ctx) => {
    const codes = new Set(plan.doelstellingen.flatMap((d) => d.actions.map((a) => a.code)));
    const [from, to] = [plan.period.from, plan.period.to];
    if (from > to) ctx.addIssue({ code: 'custom', path: ['period', 'to'], message: 'ligt vóór period.from' });
    plan.gemeenten.forEach((g, gi) =>
      g.mijlpalen.forEach((m, mi) => {
        if (!codes.has(m.action)) ctx.addIssue({ code: 'custom', path: ['gemeenten', gi, 'mijlpalen', mi, 'action'], message: `onbekende actie '${m.action}'` });
        if (m.quarter < from || m.quarter > to) {
          ctx.addIssue({ code: 'custom', path: ['gemeenten', gi, 'mijlpalen', mi, 'quarter'], message: `${m.quarter} valt buiten de planperiode ${from} – ${to}` });
        }
      }),
    );
  });

export type PlanFile = z.infer<typeof planFileSchema>;
