import type { ChildState } from '../../domain/child';
import type { ChildEvent } from '../../events/contracts/child';
import type { Recorded } from '../records';
import { inWords } from '../timeline';

/**
 * Where a child is on the Independent Visitor journey, as a GOV.UK task list: each step done (with when), to do, or
 * not possible yet; the child's own words beside the decision they belong to.
 */
export type StepStatus = 'done' | 'to-do' | 'waiting' | 'not-yet' | 'not-needed';

export interface JourneyStep {
  title: string;
  status: StepStatus;
  /** What happened or what is next, in words. */
  detail?: string;
  /** The child's own words at this step. */
  childsWords?: string;
}

const DECISIONS = { accepted: 'Accepted', declined: 'Declined', objected: 'Objected' } as const;

export function journeyOf(
  state: ChildState,
  events: readonly Recorded<ChildEvent>[],
  volunteerName: (id: string) => string,
): JourneyStep[] {
  const period = state.period;
  const rel = state.relationship;
  const inCare = state.status === 'looked-after';
  const decisionEvent = events.findLast((e) => e.type === 'ChildDecisionRecorded');
  const words =
    decisionEvent && decisionEvent.type === 'ChildDecisionRecorded'
      ? decisionEvent.data.childsWords
      : undefined;
  const decision = state.decision;
  const declined = decision?.decision === 'declined' || decision?.decision === 'objected';
  const step = (title: string, status: StepStatus, detail?: string, childsWords?: string): JourneyStep => ({
    title,
    status,
    ...(detail ? { detail } : {}),
    ...(childsWords ? { childsWords } : {}),
  });
  const matchedOrLater = rel !== undefined;
  return [
    period?.toldOn
      ? step('Told about Independent Visitors', 'done', `On ${inWords(period.toldOn)}`)
      : step('Told about Independent Visitors', matchedOrLater ? 'not-needed' : inCare ? 'to-do' : 'not-yet'),
    period?.offeredOn
      ? step('Offered an Independent Visitor', 'done', `On ${inWords(period.offeredOn)}`)
      : step('Offered an Independent Visitor', matchedOrLater ? 'not-needed' : inCare ? 'to-do' : 'not-yet'),
    decision
      ? step(
          'The child’s decision',
          'done',
          `${DECISIONS[decision.decision]} on ${inWords(decision.on)}`,
          words,
        )
      : step('The child’s decision', period?.offeredOn ? 'to-do' : 'not-yet'),
    state.referral
      ? step(
          'Referred to the Independent Visitor service',
          'done',
          `On ${inWords(state.referral.referredOn)}`,
        )
      : rel || period?.referredOn
        ? step(
            'Referred to the Independent Visitor service',
            'done',
            period?.referredOn && `On ${inWords(period.referredOn)}`,
          )
        : step(
            'Referred to the Independent Visitor service',
            declined ? 'not-needed' : decision ? 'to-do' : 'not-yet',
          ),
    rel
      ? step(
          'Matched with an Independent Visitor',
          'done',
          `${volunteerName(rel.volunteerId)}, since ${inWords(rel.matchedOn)}`,
        )
      : step(
          'Matched with an Independent Visitor',
          state.referral ? 'waiting' : declined ? 'not-needed' : 'not-yet',
          state.referral ? `Waiting since ${inWords(state.referral.referredOn)}` : undefined,
        ),
    rel
      ? step(
          'Visits',
          rel.visitsHeld > 0 ? 'done' : 'to-do',
          rel.visitsHeld > 0
            ? `${rel.visitsHeld} held, the last on ${inWords(rel.lastVisitHeldOn!)}`
            : 'No visit held yet',
        )
      : step('Visits', 'not-yet'),
  ];
}
