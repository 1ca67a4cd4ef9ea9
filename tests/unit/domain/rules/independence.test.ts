import { describe, expect, it } from 'vitest';
import { fold } from '../../../../domain/decider';
import { decideMatch } from '../../../../domain/matching';
import { type VolunteerCommand, volunteerDecider } from '../../../../domain/volunteer';
import { catalog } from '../../../../events/contracts';
import type { VolunteerEvent } from '../../../../events/contracts/volunteer';
import { refusalOf, specFor } from '../../../support/decider-spec';
import { approvedVolunteerSteps, context, History, LA, WELSH_LA } from '../../../support/domain';
import { at, JURISDICTIONS, referred, type VolunteerHistory } from './journeys';

/*
 * s.23ZB(9) (Wales: s.98(9)): an IV must be independent of the LA. The declaration names each category (England:
 * 2010 Regs reg 47): an elected member of the LA; an employee of the LA; a relative or member of the household of
 * either; and, where the LA's policy says so (Welsh LAs by default), a person connected with a provider of
 * placements. Approval is refused while any category applies.
 */
const spec = specFor(volunteerDecider);
const NOW = at('2026-01-10');
const NONE = {
  electedMemberOfLa: false,
  employeeOfLa: false,
  relativeOrHouseholdMemberOfEither: false,
  connectedWithPlacementProvider: false,
};
const declare = (answers: Partial<typeof NONE> = {}): VolunteerCommand => ({
  type: 'DeclareIndependence',
  wordingVersion: '2026-02',
  ...NONE,
  ...answers,
});

/** Every vetting step but the declaration and the approval. */
function vetted(la: string): VolunteerHistory {
  const h = new History<VolunteerCommand, VolunteerEvent, typeof volunteerDecider.initialState>(
    volunteerDecider,
  );
  for (const step of approvedVolunteerSteps('volunteer-7', la).slice(0, 5)) h.record(step, NOW);
  return h;
}

describe.each(JURISDICTIONS)('independence of the LA, in $country', ({ la }) => {
  it('given a vetted volunteer, when they declare, then the declaration names every category', () => {
    spec(vetted(la))
      .when(declare(), NOW)
      .then([{ type: 'IndependenceDeclared', data: { wordingVersion: '2026-02', ...NONE } }]);
  });

  it.each([
    ['electedMemberOfLa', /an elected member of the local authority/],
    ['employeeOfLa', /an employee of the local authority/],
    [
      'relativeOrHouseholdMemberOfEither',
      /a relative or member of the household of an elected member or employee/,
    ],
  ] as const)(
    'given a declaration that %s applies, when approval is asked, then it is refused, naming it',
    (key, named) => {
      const h = vetted(la);
      h.record(declare({ [key]: true }), NOW);
      const refusal = spec(h)
        .when({ type: 'Approve' }, NOW)
        .thenRefused('independence-category-applies', 409);
      expect(refusal.message).toMatch(named);
    },
  );

  it('given a declaration that applied, when a new one says none applies, then the volunteer can be approved', () => {
    const h = vetted(la);
    h.record(declare({ employeeOfLa: true }), NOW);
    h.record(declare(), at('2026-01-11'));
    spec(h)
      .when({ type: 'Approve' }, at('2026-01-12'))
      .then([{ type: 'VolunteerApproved' }]);
  });

  it('given an approved volunteer, when they declare that a category now applies, then no child can be matched with them', () => {
    const h = vetted(la);
    h.record(declare(), NOW);
    h.record({ type: 'Approve' }, NOW);
    h.record(declare({ relativeOrHouseholdMemberOfEither: true }), at('2026-01-11'));
    const refusal = refusalOf(() =>
      decideMatch({ type: 'MatchVisitor' }, referred(la).state, h.state, context(at('2026-01-15'))),
    );
    expect(refusal.rule).toBe('volunteer-independence-category-applies');
  });
});

describe('a connection with a provider of placements, where the policy asks it', () => {
  it('given a Welsh LA, when the declaration does not answer it, then it is refused; England does not ask', () => {
    const { connectedWithPlacementProvider: _, ...withoutProvider } = NONE;
    const command: VolunteerCommand = {
      type: 'DeclareIndependence',
      wordingVersion: '2026-02',
      ...withoutProvider,
    };
    spec(vetted(WELSH_LA)).when(command, NOW).thenRefused('independence-answer-missing', 422);
    spec(vetted(LA))
      .when(command, NOW)
      .then([{ type: 'IndependenceDeclared', data: { wordingVersion: '2026-02', ...withoutProvider } }]);
  });

  it('given a Welsh LA, when the volunteer is connected with a placement provider, then approval is refused; in England it is not a category', () => {
    for (const [la, approved] of [
      [WELSH_LA, false],
      [LA, true],
    ] as const) {
      const h = vetted(la);
      h.record(declare({ connectedWithPlacementProvider: true }), NOW);
      if (approved)
        spec(h)
          .when({ type: 'Approve' }, NOW)
          .then([{ type: 'VolunteerApproved' }]);
      else
        expect(
          spec(h).when({ type: 'Approve' }, NOW).thenRefused('independence-category-applies').message,
        ).toMatch(/connected with a provider of placements/);
    }
  });

  it('given a declaration stored before categories were named, then it reads as none applying, and Wales asks for a new one', () => {
    const stored = {
      notAnLaMemberOrEmployee: true,
      notRelativeOrHouseholdMemberOfOne: true,
      wordingVersion: '2026-01',
    };
    const { data } = catalog.upcast('IndependenceDeclared', 1, stored);
    expect(data).toEqual({
      wordingVersion: '2026-01',
      electedMemberOfLa: false,
      employeeOfLa: false,
      relativeOrHouseholdMemberOfEither: false,
    });
    for (const [la, rule] of [
      [LA, undefined],
      [WELSH_LA, 'independence-declaration-incomplete'],
    ] as const) {
      const h = vetted(la);
      const state = fold(volunteerDecider, [
        ...h.facts,
        {
          event: { type: 'IndependenceDeclared', data } as VolunteerEvent,
          meta: { ...h.facts.at(-1)!.meta, version: h.facts.length + 1 },
        },
      ]);
      if (rule) spec(state).when({ type: 'Approve' }, NOW).thenRefused(rule, 409);
      else
        spec(state)
          .when({ type: 'Approve' }, NOW)
          .then([{ type: 'VolunteerApproved' }]);
    }
  });
});
