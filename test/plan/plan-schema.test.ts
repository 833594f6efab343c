// The uitvoeringsplan file's schema: shape, codes, quarters and the cross-checks between them.
import { describe, expect, it } from 'vitest';
import { planFileSchema } from '../../plan/plan-schema';

/** A small valid plan; `change` edits a copy. */
function plan(change: (p: any) => void = () => undefined): unknown {
  const p = {
    period: { name: 'Testplan 2024', from: '2024-Q1', to: '2024-Q4' },
    source: 'testbron',
    doelstellingen: [{ number: 1, title: 'Preventie', actions: [{ code: '1a', description: 'Handelingskader' }, { code: '1b', description: 'Agressieprotocol' }] }],
    gemeenten: [{ naam: 'Baarn', mijlpalen: [{ quarter: '2024-Q2', title: 'Eerste mijlpaal', action: '1a' }] }],
  };
  change(p);
  return p;
}

/** The issues as "path: message", for readable expectations. */
function issues(data: unknown): string[] {
  const result = planFileSchema.safeParse(data);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('planFileSchema', () => {
  it('accepts a valid plan and returns it as it was', () => {
    const result = planFileSchema.safeParse(plan());
    expect(result.success).toBe(true);
    expect(result.data).toEqual(plan());
  });

  it('accepts a gemeente without milestones and milestones on the period\'s first and last quarter', () => {
    expect(issues(plan((p) => p.gemeenten.push({ naam: 'Soest', mijlpalen: [] })))).toEqual([]);
    expect(issues(plan((p) => p.gemeenten[0].mijlpalen.push({ quarter: '2024-Q1', title: 'Begin', action: '1b' }, { quarter: '2024-Q4', title: 'Eind', action: '1b' })))).toEqual([]);
  });

  // The first issue is the one a ContentError names (the cross-checks still run on the bad text after it).
  it('wants quarters written as 2024-Q1', () => {
    expect(issues(plan((p) => (p.period.from = 'Q1 2024')))[0]).toBe('period.from: verwacht een kwartaal als 2024-Q1');
    expect(issues(plan((p) => (p.gemeenten[0].mijlpalen[0].quarter = '2024-Q5')))).toContain('gemeenten.0.mijlpalen.0.quarter: verwacht een kwartaal als 2024-Q1');
  });

  it('wants action codes as a number and a letter', () => {
    expect(issues(plan((p) => (p.doelstellingen[0].actions[0].code = 'A1')))[0]).toBe('doelstellingen.0.actions.0.code: verwacht een actiecode als 1a');
    expect(issues(plan((p) => (p.doelstellingen[0].actions[1].code = '12ab')))[0]).toBe('doelstellingen.0.actions.1.code: verwacht een actiecode als 1a');
  });

  it('refuses a period that ends before it starts', () => {
    expect(issues(plan((p) => (p.period.to = '2023-Q4')))).toContain('period.to: ligt vóór period.from');
  });

  it('refuses a milestone outside the period, naming the period', () => {
    expect(issues(plan((p) => (p.gemeenten[0].mijlpalen[0].quarter = '2025-Q1')))).toEqual(['gemeenten.0.mijlpalen.0.quarter: 2025-Q1 valt buiten de planperiode 2024-Q1 – 2024-Q4']);
  });

  it('refuses a milestone whose action is in no doelstelling', () => {
    expect(issues(plan((p) => (p.gemeenten[0].mijlpalen[0].action = '9z')))).toEqual(["gemeenten.0.mijlpalen.0.action: onbekende actie '9z'"]);
  });

  it('refuses unknown fields (a typo in a field name is not silently ignored)', () => {
    expect(issues(plan((p) => (p.gemeenten[0].mijlpalen[0].titel = 'x')))).toHaveLength(1);
    expect(issues(plan((p) => (p.extra = true)))).toHaveLength(1);
  });

  it('wants at least one doelstelling, one action and one gemeente', () => {
    expect(issues(plan((p) => (p.doelstellingen = [])))[0]).toMatch(/^doelstellingen: /);
    expect(issues(plan((p) => (p.doelstellingen[0].actions = [])))[0]).toMatch(/^doelstellingen\.0\.actions: /);
    expect(issues(plan((p) => (p.gemeenten = [])))[0]).toMatch(/^gemeenten: /);
  });

  it('keeps milestone titles short enough for a card line (at most 120 characters)', () => {
    expect(issues(plan((p) => (p.gemeenten[0].mijlpalen[0].title = 'x'.repeat(120))))).toEqual([]);
    expect(issues(plan((p) => (p.gemeenten[0].mijlpalen[0].title = 'x'.repeat(121))))[0]).toMatch(/^gemeenten\.0\.mijlpalen\.0\.title: /);
  });
});
