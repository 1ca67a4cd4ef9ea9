import { londonDateOf } from '../domain/calendar';
import type { ChildState } from '../domain/child';
import { type DecisionContext, DomainRuleBroken } from '../domain/decider';
import { decideMatch, type MatchVisitor } from '../domain/matching';
import { initialVolunteerState, type VolunteerState } from '../domain/volunteer';
import type { ChildEvent } from '../events/contracts/child';
import type { Principal } from './access';
import { type ActionInput, occurredAtOf, WHEN_FIELDS } from './actions';
import type { App } from './app';
import { actorOf, type CommandIdentity, commandContext } from './children/children';
import { recordTarget, runCommandAcross } from './command';
import type { Field } from './fields';
import { type Fit, fitOf } from './fit';
import { calledName, fullName } from './people';
import { withheldText } from './personal-data/visibility';
import { CHILD, loadRecord, type Recorded, VOLUNTEER } from './records';
import { listVolunteers, summaryOf, type VolunteerSummary } from './volunteers/volunteers';
import { ENGLISH_WORDS, type Words } from './words';

/** The match's body: which volunteer, and when (today unless given, with a reason if recorded late). */
export const MATCH_FIELDS = [
  {
    kind: 'text',
    name: 'volunteerId',
    label: 'Volunteer',
    pattern: /^[0-9A-Za-z-]{1,64}$/,
    messages: { required: 'Select a volunteer', invalid: 'Select a volunteer from the list' },
  },
  ...WHEN_FIELDS,
] as const satisfies readonly Field[];

/**
 * Appoints a volunteer as a child's Independent Visitor: one transaction over both streams, decided by the
 * domain's decideMatch, so the match is written to both or refused for both. A child or volunteer outside the
 * caller's LA (or not recorded at all) is a 404 before any rule is looked at.
 */
export async function matchVisitor(
  app: App,
  principal: Principal,
  childId: string,
  volunteerId: string,
  input: ActionInput,
  identity: CommandIdentity,
) {
  const options = { la: principal.la, policies: app.policies };
  const child = recordTarget(CHILD, childId, options);
  const volunteer = recordTarget(VOLUNTEER, volunteerId, options);
  const command: MatchVisitor = {
    type: 'MatchVisitor',
    occurredAt: occurredAtOf(input, londonDateOf(app.now())),
  };
  const { context, info } = commandContext(app, principal, identity, input.reason);
  const outcome = await runCommandAcross<[ChildState, VolunteerState]>({
    store: app.store,
    targets: [child, volunteer],
    decide: ([childState, volunteerState], ctx) =>
      decideMatch(command, childState, volunteerState, ctx, app.policies),
    context,
    command: info,
  });
  const versionOf = (streamId: string) =>
    outcome.result.streams.find((s) => s.streamId === streamId)?.toVersion;
  return {
    childId,
    volunteerId,
    childVersion: versionOf(child.streamId),
    volunteerVersion: versionOf(volunteer.streamId),
    duplicate: outcome.result.duplicate,
  };
}

/** What the referral says about the child, for choosing a volunteer who fits. */
export interface ReferralDetails {
  referralId: string;
  referredOn: string;
  needs: string[];
  interests: string[];
  preferences: string[];
  languages: string[];
  visitorSex?: 'female' | 'male';
  availability: string[];
}

export interface SuggestedVolunteer extends VolunteerSummary {
  /** How many more children they can visit. */
  spareCapacity: number;
  /** Training courses completed. */
  training: string[];
  /** How well they fit the referral, with the reasons: what the suggestions are ranked by. */
  fit: Fit;
}

export interface ExcludedVolunteer extends VolunteerSummary {
  /** The domain's own sentence for why a match would be refused, and the rule's name. */
  reason: string;
  rule: string;
}

export interface Suggestions {
  childId: string;
  /** The child by name, and where they are placed. */
  child: { name: string; called: string; placementArea?: string };
  /** Set when the child cannot be matched at all (not referred, objected, already has an IV...). */
  childNotMatchable?: { reason: string; rule: string };
  referral?: ReferralDetails;
  suggested: SuggestedVolunteer[];
  excluded: ExcludedVolunteer[];
}

function referralOf(events: readonly Recorded<ChildEvent>[], child: ChildState): ReferralDetails | undefined {
  const current = child.referral;
  if (!current) return undefined;
  const referred = events
    .flatMap((e) => (e.type === 'ReferredToIvService' ? [e.data] : []))
    .findLast((data) => data.referralId === current.referralId);
  return {
    referralId: current.referralId,
    referredOn: current.referredOn,
    needs: tags(referred?.needs),
    interests: tags(referred?.interests),
    preferences: tags(referred?.preferences),
    languages: referred?.languages ?? [],
    availability: referred?.availability ?? [],
    ...(referred?.visitorSex ? { visitorSex: referred.visitorSex } : {}),
  };
}

/** A list of tags as shown: "Erased" or "Not shown" in its place when it is withheld. */
const tags = (value: readonly string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? [...value] : [withheldText(value) ?? String(value)];

/** The domain's refusal, or undefined if the match would be made now. */
function refusal(decide: () => unknown): { reason: string; rule: string } | undefined {
  try {
    decide();
    return undefined;
  } catch (error) {
    if (error instanceof DomainRuleBroken) return { reason: error.message, rule: error.rule ?? 'refused' };
    throw error;
  }
}

/**
 * The LA's volunteers a child could be matched with now, and why each other one could not. Each volunteer is put to
 * the domain's own decideMatch, so a suggestion is exactly a match the domain would accept (approved, not paused or
 * suspended, a DBS check valid under the policy, independence declared, spare capacity) and each exclusion carries
 * the sentence the match would be refused with. Withdrawn volunteers are left out: they are no longer on offer.
 */
export async function suggestVolunteers(
  app: App,
  principal: Principal,
  childId: string,
  words: Words = ENGLISH_WORDS,
): Promise<Suggestions> {
  const {
    la,
    state: child,
    events,
  } = await loadRecord(app.store, CHILD, childId, {
    la: principal.la,
    policies: app.policies,
    viewer: principal,
  });
  const context: DecisionContext = { now: app.now(), actor: actorOf(principal) };
  const match: MatchVisitor = { type: 'MatchVisitor' };
  const tryMatch = (volunteer: VolunteerState) => () =>
    decideMatch(match, child, volunteer, context, app.policies);
  const referral = referralOf(events, child);

  // decideMatch checks the child's side before the volunteer's: against no volunteer at all, a refusal that is
  // not about the missing volunteer is about the child, and then no volunteer can be suggested.
  const childSide = refusal(tryMatch(initialVolunteerState));
  const who = {
    name: fullName(child.details),
    called: calledName(child.details) ?? 'the child',
    ...(child.placementArea ? { placementArea: child.placementArea } : {}),
  };
  if (childSide && childSide.rule !== 'volunteer-not-recorded')
    return { childId, child: who, childNotMatchable: childSide, referral, suggested: [], excluded: [] };

  const policy = app.policies(la);
  const suggested: SuggestedVolunteer[] = [];
  const excluded: ExcludedVolunteer[] = [];
  for (const volunteer of await listVolunteers(app, la)) {
    if (volunteer.status === 'withdrawn') continue;
    const summary = summaryOf(volunteer, policy, context.now);
    const refused = refusal(tryMatch(volunteer));
    if (refused) excluded.push({ ...summary, ...refused });
    else
      suggested.push({
        ...summary,
        spareCapacity: volunteer.capacity - volunteer.activeMatches.length,
        training: volunteer.trainingCompleted,
        fit: fitOf(referral, who, volunteer.profile, words),
      });
  }
  // Best fit first; among equals, those with most room (spreads children across volunteers), then by name.
  suggested.sort(
    (a, b) => b.fit.score - a.fit.score || b.spareCapacity - a.spareCapacity || a.name.localeCompare(b.name),
  );
  return { childId, child: who, referral, suggested, excluded };
}
