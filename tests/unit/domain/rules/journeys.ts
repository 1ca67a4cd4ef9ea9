import { calendarFor } from '../../../../domain/calendar';
import { type ChildCommand, type ChildState, childDecider } from '../../../../domain/child';
import type { Obligation } from '../../../../domain/obligations';
import { obligationsOf } from '../../../../domain/obligations';
import { defaultPolicyFor } from '../../../../domain/policy';
import { type VolunteerCommand, type VolunteerState, volunteerDecider } from '../../../../domain/volunteer';
import type { ChildEvent } from '../../../../events/contracts/child';
import type { VolunteerEvent } from '../../../../events/contracts/volunteer';
import { approvedVolunteerSteps, enterCare, History, LA, WELSH_LA } from '../../../support/domain';

/** Every rule of s.23ZB holds in England and, through s.98 of the Welsh Act, in Wales: each test runs in both. */
export const JURISDICTIONS = [
  { country: 'England', la: LA },
  { country: 'Wales', la: WELSH_LA },
] as const;

export type ChildHistory = History<ChildCommand, ChildEvent, ChildState>;
export type VolunteerHistory = History<VolunteerCommand, VolunteerEvent, VolunteerState>;

export const ENTERED = '2026-01-05T10:00:00.000Z';
export const OFFERED = '2026-01-12T10:00:00.000Z';
export const MATCHED = '2026-02-02T10:00:00.000Z';
export const at = (date: string) => `${date}T10:00:00.000Z`;

/** A synthetic child in care in the LA since 5 January 2026 (10 years old unless born on `dateOfBirth`). */
export function inCare(la: string, dateOfBirth?: string): ChildHistory {
  const h = new History<ChildCommand, ChildEvent, ChildState>(childDecider);
  h.record(enterCare({ la, ...(dateOfBirth ? { dateOfBirth } : {}) }), ENTERED);
  return h;
}

export function offered(la: string, dateOfBirth?: string): ChildHistory {
  const h = inCare(la, dateOfBirth);
  h.record({ type: 'OfferIndependentVisitor' }, OFFERED);
  return h;
}

export function referred(la: string, dateOfBirth?: string): ChildHistory {
  const h = offered(la, dateOfBirth);
  h.record(
    { type: 'RecordChildDecision', decision: 'accepted', sufficientUnderstanding: true },
    '2026-01-13T10:00:00.000Z',
  );
  h.record(
    { type: 'ReferToIvService', needs: [], interests: ['football'], preferences: [] },
    '2026-01-14T10:00:00.000Z',
  );
  return h;
}

/** Referred, then matched with `volunteerId` on 2 February 2026, as matching.ts records it. */
export function matched(la: string, dateOfBirth?: string, volunteerId = 'volunteer-7'): ChildHistory {
  const h = referred(la, dateOfBirth);
  h.apply(
    [{ type: 'VisitorMatched', data: { matchId: 'match-1', referralId: 'referral-1', volunteerId } }],
    MATCHED,
  );
  return h;
}

/** An approved volunteer of the LA (references, DBS, training, a declaration answering every category). */
export function approvedVolunteer(la: string, volunteerId = 'volunteer-7'): VolunteerHistory {
  const h = new History<VolunteerCommand, VolunteerEvent, VolunteerState>(volunteerDecider);
  for (const step of approvedVolunteerSteps(volunteerId, la)) h.record(step, '2026-01-02T10:00:00.000Z');
  return h;
}

/** The child's open obligations at `now` under the LA's default policy. */
export function openOn(child: ChildHistory | ChildState, now: string): Obligation[] {
  const state = 'facts' in child ? child.state : child;
  const policy = defaultPolicyFor(state.la!);
  return obligationsOf(state, policy, calendarFor(policy.jurisdiction), new Date(now));
}

export const kindsOn = (child: ChildHistory | ChildState, now: string) =>
  openOn(child, now).map((o) => o.kind);
