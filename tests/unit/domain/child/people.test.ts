import { describe, expect, it } from 'vitest';
import { type ChildCommand, type ChildState, childDecider } from '../../../../domain/child';
import { fold } from '../../../../domain/decider';
import { volunteerDecider } from '../../../../domain/volunteer';
import { catalog } from '../../../../events/contracts';
import type { ChildEvent } from '../../../../events/contracts/child';
import { specFor } from '../../../support/decider-spec';
import { enterCare, History, LA } from '../../../support/domain';

const ENTERED = '2026-01-05T10:00:00.000Z';
const LATER = '2026-02-10T10:00:00.000Z';
const given = specFor(childDecider);
const inCare = () => {
  const h = new History<ChildCommand, ChildEvent, ChildState>(childDecider);
  h.record(
    enterCare({
      firstNames: 'Jamie',
      lastName: 'Okonkwo',
      preferredName: 'Jay',
      caseSystemId: 'MOS-4019283',
      placementArea: 'Millbrook',
    }),
    ENTERED,
  );
  return h;
};

describe('who the child is', () => {
  it('records the legal and preferred names, the case-system id and the placement area, valid against the contract', () => {
    const h = inCare();
    const entered = h.facts[0]!.event;
    expect(() => catalog.parseForWrite(entered.type, 3, entered.data)).not.toThrow();
    expect(h.state.details).toMatchObject({
      firstNames: 'Jamie',
      lastName: 'Okonkwo',
      preferredName: 'Jay',
      caseSystemId: 'MOS-4019283',
    });
    expect(h.state.placementArea).toBe('Millbrook');
  });

  it('reads a version 2 entry into care (no names) as version 3 without them', () => {
    const v2 = { ...enterCare(), jurisdiction: 'england' };
    const { type: _, occurredAt: __, ...data } = v2;
    expect(catalog.upcast('ChildEnteredCare', 2, data)).toEqual({ schemaVersion: 3, data });
  });

  it('keeps where the child is placed when they move, and forgets the old area when the move does not say', () => {
    const h = inCare();
    h.record({ type: 'ChangePlacement', placementInLaArea: false, placementArea: 'Eastbury' }, LATER);
    expect(h.state.placementArea).toBe('Eastbury');
    h.record({ type: 'ChangePlacement', placementInLaArea: true }, '2026-03-01T10:00:00.000Z');
    expect(h.state.placementArea).toBeUndefined();
  });
});

describe('allocating a social worker or an IRO', () => {
  it('records each change of allocation as its own fact', () => {
    given(inCare())
      .when({ type: 'AllocateStaff', role: 'social-worker', staffId: 'sw-2002' }, LATER)
      .then([{ type: 'StaffAllocated', data: { role: 'social-worker', staffId: 'sw-2002' } }]);
  });

  it('moves the allocation to the new person in the state', () => {
    const h = inCare();
    h.record({ type: 'AllocateStaff', role: 'iro', staffId: 'iro-9' }, LATER);
    expect(h.state.details).toMatchObject({ iroRef: 'iro-9', socialWorkerRef: 'sw-1001' });
  });

  it('records nothing when the person is already allocated', () => {
    given(inCare()).when({ type: 'AllocateStaff', role: 'iro', staffId: 'iro-2002' }, LATER).thenNothing();
  });

  it('refuses an allocation for a child who is not recorded', () => {
    given()
      .when({ type: 'AllocateStaff', role: 'iro', staffId: 'iro-1' }, LATER)
      .thenRefused('child-not-recorded', 409);
  });
});

describe('a referral with what the child wants from a visitor', () => {
  it('records the languages, the wish for a woman or a man, and when the child can be visited', () => {
    const h = inCare();
    h.record({ type: 'OfferIndependentVisitor' }, LATER);
    h.record({ type: 'RecordChildDecision', decision: 'accepted', sufficientUnderstanding: true }, LATER);
    given(h)
      .when(
        {
          type: 'ReferToIvService',
          needs: ['bsl-signer'],
          interests: ['football'],
          preferences: [],
          languages: ['polish'],
          visitorSex: 'female',
          availability: ['weekends'],
        },
        LATER,
      )
      .then([
        {
          type: 'ReferredToIvService',
          data: {
            referralId: 'referral-1',
            needs: ['bsl-signer'],
            interests: ['football'],
            preferences: [],
            languages: ['polish'],
            visitorSex: 'female',
            availability: ['weekends'],
          },
        },
      ]);
  });

  it('reads a version 1 referral’s female-visitor preference as a wish for a woman', () => {
    const v1 = { referralId: 'referral-1', needs: [], interests: ['art'], preferences: ['female-visitor'] };
    expect(catalog.upcast('ReferredToIvService', 1, v1).data).toEqual({
      referralId: 'referral-1',
      needs: [],
      interests: ['art'],
      preferences: [],
      languages: [],
      availability: [],
      visitorSex: 'female',
    });
  });
});

describe('an entry made by mistake', () => {
  const visited = () => {
    const h = inCare();
    h.record({ type: 'OfferIndependentVisitor' }, LATER);
    h.record({ type: 'RecordChildTold' }, LATER);
    return h;
  };

  it('names the entry it corrects, by version and type, with why', () => {
    given(visited())
      .when(
        { type: 'RecordEntryInError', correctsVersion: 3, explanation: 'Recorded on the wrong child' },
        LATER,
      )
      .then([
        {
          type: 'EntryRecordedInError',
          data: {
            correctsVersion: 3,
            correctsType: 'ChildToldOfEntitlement',
            explanation: 'Recorded on the wrong child',
          },
        },
      ]);
  });

  it('reads the record as if the entry had never been made, so its duty opens again', () => {
    const h = visited();
    expect(h.state.period?.offeredOn).toBe('2026-02-10');
    h.record({ type: 'RecordEntryInError', correctsVersion: 2, explanation: 'No offer was made' }, LATER);
    const refolded = fold(childDecider, h.facts);
    expect(refolded.period?.offeredOn).toBeUndefined();
    expect(refolded.period?.toldOn).toBe('2026-02-10');
    expect(refolded.version).toBe(4);
  });

  it('refuses to mark an offer that a later decision depends on', () => {
    const h = visited();
    h.record({ type: 'RecordChildDecision', decision: 'declined', sufficientUnderstanding: true }, LATER);
    given(h)
      .when({ type: 'RecordEntryInError', correctsVersion: 2, explanation: 'Mistake' }, LATER)
      .thenRefused('entry-has-dependents', 409);
  });

  it('refuses to mark entering care, an entry already marked, or one that is not there', () => {
    const h = visited();
    given(h)
      .when({ type: 'RecordEntryInError', correctsVersion: 1, explanation: 'x' }, LATER)
      .thenRefused('entry-not-markable');
    given(h)
      .when({ type: 'RecordEntryInError', correctsVersion: 9, explanation: 'x' }, LATER)
      .thenRefused('no-such-entry');
    const twice = visited();
    twice.record({ type: 'RecordEntryInError', correctsVersion: 3, explanation: 'x' }, LATER);
    const refolded = fold(childDecider, twice.facts);
    given(refolded)
      .when({ type: 'RecordEntryInError', correctsVersion: 3, explanation: 'x' }, LATER)
      .thenRefused('no-such-entry');
  });
});

describe('a volunteer’s profile', () => {
  const applied = () => {
    const h = new History(volunteerDecider);
    h.record(
      {
        type: 'Apply',
        volunteerId: 'volunteer-1',
        la: LA,
        name: 'Alex Morgan',
        email: 'alex.morgan@example.com',
        sex: 'female',
        languages: ['english', 'polish'],
        interests: ['football'],
        travelAreas: ['Millbrook'],
        availability: ['weekends'],
      },
      ENTERED,
    );
    return h;
  };

  it('is recorded with the application, valid against the contract', () => {
    const h = applied();
    expect(() => catalog.parseForWrite('VolunteerApplied', 2, h.facts[0]!.event.data)).not.toThrow();
    expect(h.state.profile).toMatchObject({ name: 'Alex Morgan', travelAreas: ['Millbrook'] });
  });

  it('records a change of only what differs, and nothing when nothing does', () => {
    specFor(volunteerDecider)(applied())
      .when({ type: 'ChangeDetails', changes: { name: 'Alex Morgan', phone: '07700 900123' } }, LATER)
      .then([{ type: 'VolunteerDetailsChanged', data: { changes: { phone: '07700 900123' } } }]);
    specFor(volunteerDecider)(applied())
      .when({ type: 'ChangeDetails', changes: { interests: ['football'] } }, LATER)
      .thenNothing();
  });
});
