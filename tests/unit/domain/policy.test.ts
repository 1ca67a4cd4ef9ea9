import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  defaultPolicyFor,
  ENGLAND_DEFAULT_POLICY,
  UNCONFIRMED_POLICY_VALUES,
  WALES_DEFAULT_POLICY,
} from '../../../domain/policy';

const RULES = readFileSync(new URL('../../../docs/domain-rules.md', import.meta.url), 'utf8');

describe('the default policies', () => {
  it('follow the jurisdiction of the LA code', () => {
    expect(defaultPolicyFor('W06000015')).toBe(WALES_DEFAULT_POLICY);
    expect(defaultPolicyFor('E08000035')).toBe(ENGLAND_DEFAULT_POLICY);
    expect(WALES_DEFAULT_POLICY.jurisdiction).toBe('wales');
  });

  it('differ where the law of Wales is read differently: Welsh LAs ask about placement providers', () => {
    expect(WALES_DEFAULT_POLICY.volunteers.independenceIncludesPlacementProvider).toBe(true);
    expect(ENGLAND_DEFAULT_POLICY.volunteers.independenceIncludesPlacementProvider).toBe(false);
  });

  it('take the review timescales of each jurisdiction: 20 working days, then 3 months, then 6 months', () => {
    for (const policy of [ENGLAND_DEFAULT_POLICY, WALES_DEFAULT_POLICY])
      expect(policy.reviews).toEqual({
        firstWithinWorkingDays: 20,
        secondWithinMonths: 3,
        laterEveryMonths: 6,
      });
  });

  it('list each unconfirmed value with a reason, naming the Welsh ones, and the rules document names each', () => {
    for (const entry of UNCONFIRMED_POLICY_VALUES) {
      expect(entry.why.length).toBeGreaterThan(10);
      expect(RULES).toContain(`\`${entry.path}\``);
    }
    const welsh = UNCONFIRMED_POLICY_VALUES.filter((v) => v.jurisdiction === 'wales').map((v) => v.path);
    expect(welsh).toEqual(['volunteers.independenceIncludesPlacementProvider', 'reviews', 'safeguarding']);
  });
});
