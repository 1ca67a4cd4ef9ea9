import { describe, expect, it } from 'vitest';
import { calendarFor } from '../../../../domain/calendar';
import { childDecider } from '../../../../domain/child';
import type { Actor } from '../../../../events/envelope';
import { specFor } from '../../../support/decider-spec';
import { systemActor } from '../../../support/domain';
import { type ChildHistory, JURISDICTIONS, matched, openOn } from './journeys';

/*
 * Safeguarding concerns (Working Together to Safeguard Children 2023): the coordinator acknowledges a concern the
 * working day it is raised, the child's social worker is told the same working day, and an allegation about the
 * Independent Visitor goes to the LADO within one working day, the match suspended until its outcome is recorded.
 * Days are working days: Friday 22 May 2026 is followed by a weekend and the spring bank holiday, Monday 25 May.
 */
const spec = specFor(childDecider);
const FRIDAY_4PM = '2026-05-22T15:00:00.000Z';
const SATURDAY = '2026-05-23T10:00:00.000Z';
/** Midnight in London (BST) at the start of a day. */
const londonMidnight = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00.000Z`) - 3_600_000).toISOString();
const system = (la: string) => ({ actor: { ...systemActor, la } });
const visitor = (la: string): Actor => ({ id: 'iv-person-1', role: 'independent-visitor', la });

const raise = (about: 'child' | 'visitor', summary = 'Said an adult at school frightens them') => ({
  type: 'RaiseConcern' as const,
  about,
  summary,
});
const visit = { type: 'RecordVisit' as const, outcome: 'held' as const, mode: 'in-person' as const };

function withConcern(la: string, about: 'child' | 'visitor', raisedAt = FRIDAY_4PM): ChildHistory {
  const h = matched(la);
  h.record(raise(about), raisedAt);
  return h;
}
const duties = (h: ChildHistory, now: string) =>
  openOn(h, now)
    .filter((o) => o.id.includes('concern'))
    .map((o) => [o.kind, o.dueOn]);

describe.each(JURISDICTIONS)('safeguarding concerns, in $country', ({ la }) => {
  it('knows its calendar: 25 May 2026 is a bank holiday', () => {
    expect(calendarFor(la.startsWith('W') ? 'wales' : 'england').isBankHoliday('2026-05-25')).toBe(true);
  });

  it('given an allegation raised on Friday afternoon, then the LADO referral is due on Tuesday, after the weekend and the bank holiday', () => {
    expect(duties(withConcern(la, 'visitor'), FRIDAY_4PM)).toEqual([
      ['acknowledge-concern', '2026-05-22'],
      ['inform-social-worker-of-concern', '2026-05-22'],
      ['refer-allegation-to-lado', '2026-05-26'],
    ]);
  });

  it('given a concern raised on Saturday, then "the same working day" is Tuesday, the next working day', () => {
    expect(duties(withConcern(la, 'child', SATURDAY), SATURDAY)).toEqual([
      ['acknowledge-concern', '2026-05-26'],
      ['inform-social-worker-of-concern', '2026-05-26'],
    ]);
    const allegation = withConcern(la, 'visitor', SATURDAY);
    expect(duties(allegation, SATURDAY)).toContainEqual(['refer-allegation-to-lado', '2026-05-26']);
  });

  it('given an unacknowledged concern, when Friday ends, then the deadline is missed, and it escalates the next day', () => {
    const h = withConcern(la, 'child');
    const [acknowledge] = openOn(h, FRIDAY_4PM).filter((o) => o.kind === 'acknowledge-concern');
    const id = acknowledge!.id;
    const missed = { type: 'RecordMissedDeadline' as const, obligationId: id };
    spec(h).when(missed, '2026-05-22T22:59:59.000Z', system(la)).thenNothing();
    const [miss] = spec(h)
      .when(missed, londonMidnight('2026-05-23'), system(la))
      .then([{ type: 'ObligationDeadlineMissed' }]);
    expect(miss!.data).toMatchObject({ obligationId: id, kind: 'acknowledge-concern' });
    const escalate = { type: 'RecordEscalation' as const, obligationId: id, escalation: 1 };
    spec(h).when(escalate, '2026-05-23T22:59:59.000Z', system(la)).thenNothing();
    spec(h)
      .when(escalate, londonMidnight('2026-05-24'), system(la))
      .then([{ type: 'ObligationEscalated' }]);
  });

  it('given an allegation not referred to the LADO, then its deadline passes at the end of Tuesday, not before', () => {
    const h = withConcern(la, 'visitor');
    const lado = openOn(h, FRIDAY_4PM).find((o) => o.kind === 'refer-allegation-to-lado')!;
    const missed = { type: 'RecordMissedDeadline' as const, obligationId: lado.id };
    spec(h).when(missed, '2026-05-25T12:00:00.000Z', system(la)).thenNothing();
    spec(h).when(missed, '2026-05-26T22:59:59.000Z', system(la)).thenNothing();
    spec(h)
      .when(missed, londonMidnight('2026-05-27'), system(la))
      .then([{ type: 'ObligationDeadlineMissed' }]);
  });

  it('given the concern acknowledged and the social worker told on the day, then nothing is left to escalate', () => {
    const h = withConcern(la, 'child');
    const ids = openOn(h, FRIDAY_4PM).map((o) => o.id);
    h.record({ type: 'AcknowledgeConcern' }, '2026-05-22T15:30:00.000Z');
    h.record({ type: 'RecordSocialWorkerInformed' }, '2026-05-22T15:45:00.000Z');
    expect(duties(h, '2026-05-22T16:00:00.000Z')).toEqual([]);
    for (const obligationId of ids.filter((id) => id.includes('concern')))
      spec(h)
        .when({ type: 'RecordMissedDeadline', obligationId }, londonMidnight('2026-05-23'), system(la))
        .thenNothing();
  });

  it('given an allegation, then the match is suspended: a visit is refused with a plain sentence until the outcome is recorded', () => {
    const h = withConcern(la, 'visitor');
    const refusal = spec(h).when(visit, '2026-05-23T10:00:00.000Z').thenRefused('match-suspended', 409);
    expect(refusal.message).toBe(
      'Visits with this child are paused while a safeguarding matter is considered. No visit can be recorded until its outcome is recorded.',
    );
    spec(h)
      .when({ type: 'RecordConcernOutcome', outcome: 'unfounded' }, '2026-05-26T10:00:00.000Z')
      .thenRefused('lado-first', 409);
    h.record({ type: 'ReferAllegationToLado' }, '2026-05-26T09:00:00.000Z');
    spec(h).when(visit, '2026-05-26T10:00:00.000Z').thenRefused('match-suspended', 409);
    h.record({ type: 'RecordConcernOutcome', outcome: 'unfounded' }, '2026-06-01T10:00:00.000Z');
    spec(h)
      .when(visit, '2026-06-02T10:00:00.000Z')
      .then([{ type: 'VisitRecorded' }]);
  });

  it('given a substantiated allegation, then the match stays suspended', () => {
    const h = withConcern(la, 'visitor');
    h.record({ type: 'ReferAllegationToLado' }, '2026-05-26T09:00:00.000Z');
    spec(h)
      .when({ type: 'RecordConcernOutcome', outcome: 'no-further-action' }, '2026-06-01T10:00:00.000Z')
      .thenRefused('concern-outcome', 422);
    h.record({ type: 'RecordConcernOutcome', outcome: 'substantiated' }, '2026-06-01T10:00:00.000Z');
    spec(h).when(visit, '2026-06-02T10:00:00.000Z').thenRefused('match-suspended', 409);
  });

  it('given a concern about the child, then visits go on', () => {
    spec(withConcern(la, 'child'))
      .when(visit, '2026-05-23T10:00:00.000Z')
      .then([{ type: 'VisitRecorded' }]);
  });

  it('lets the Independent Visitor raise a concern about the child they visit, and nothing else', () => {
    const mine = { ...raise('child'), visitorId: 'volunteer-7' };
    const [raised] = spec(matched(la))
      .when(mine, FRIDAY_4PM, { actor: visitor(la) })
      .then([{ type: 'SafeguardingConcernRaised' }]);
    expect(raised!.data).toEqual({ concernId: 'concern-1', about: 'child', summary: mine.summary });
    spec(matched(la, undefined, 'volunteer-8'))
      .when(mine, FRIDAY_4PM, { actor: visitor(la) })
      .thenRefused('not-your-match', 409);
    spec(matched(la))
      .when({ ...raise('visitor'), visitorId: 'volunteer-7' }, FRIDAY_4PM, { actor: visitor(la) })
      .thenRefused('allegation-by-visitor', 422);
  });

  it('names the visitor and the match on an allegation, and asks which concern when two are open', () => {
    const h = withConcern(la, 'visitor');
    expect(h.state.concerns['concern-1']).toMatchObject({ volunteerId: 'volunteer-7', matchId: 'match-1' });
    h.record(raise('child', 'Seemed hungry and tired'), '2026-05-22T16:00:00.000Z');
    spec(h).when({ type: 'AcknowledgeConcern' }, FRIDAY_4PM).thenRefused('which-concern', 422);
    spec(h)
      .when({ type: 'AcknowledgeConcern', concernNumber: 2 }, '2026-05-22T16:30:00.000Z')
      .then([{ type: 'SafeguardingConcernAcknowledged', data: { concernId: 'concern-2' } }]);
    spec(h)
      .when({ type: 'ReferAllegationToLado', concernNumber: 3 }, FRIDAY_4PM)
      .thenRefused('no-such-concern');
  });
});
