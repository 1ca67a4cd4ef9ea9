import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { arrowsOf, backArrow } from './layers';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

describe('the import rule of the layered layout', () => {
  it('has no import that runs back against the layers', () => {
    const broken = arrowsOf(ROOT)
      .map((arrow) => ({ arrow, why: backArrow(arrow) }))
      .filter((b) => b.why !== undefined)
      .map(({ arrow, why }) => `${arrow.from} -> ${arrow.to}: ${why}`);
    expect(broken).toEqual([]);
  });

  it('reads the imports of the whole tree', () => {
    const arrows = arrowsOf(ROOT);
    expect(arrows.length).toBeGreaterThan(500);
    expect(arrows).toContainEqual({ from: 'domain/decider.ts', to: 'events/envelope.ts' });
  });

  // The rule itself, on arrows that must be refused: the test above can fail.
  it.each([
    ['domain/child/decide.ts', 'application/command.ts', 'domain must not import application'],
    ['events/contracts/common.ts', 'domain/decider.ts', 'events must not import domain'],
    ['application/children/children.ts', 'adapters/http/problem.ts', 'application must not import adapters'],
    ['application/tasks.ts', '@aws-sdk/client-dynamodb', 'application must not use @aws-sdk/client-dynamodb'],
    ['adapters/web/routes/session.ts', 'infra/local/personas.ts', 'adapters must not import infra/local'],
    ['functions/api/handler.ts', 'functions/web/handler.ts', "another function's folder"],
    ['infra/stacks/web-stack.ts', 'infra/local/runtime.ts', 'infra must not import infra/local'],
  ])('refuses %s -> %s', (from, to, why) => {
    expect(backArrow({ from, to })).toContain(why);
  });

  it.each([
    ['adapters/web/app.ts', 'application/app.ts'],
    ['functions/api/handler.ts', 'functions/composition.ts'],
    ['scripts/start.ts', 'infra/local/runtime.ts'],
    ['application/command.ts', 'node:timers/promises'],
  ])('allows %s -> %s', (from, to) => {
    expect(backArrow({ from, to })).toBeUndefined();
  });
});
