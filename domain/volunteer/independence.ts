import type { Policy } from '../policy';

/*
 * s.23ZB(9) (Wales: s.98(9)): regulations say when a person counts as independent of the LA. England's 2010 Regs
 * reg 47: not an elected member or an employee of the LA, nor a relative or member of the household of either; where
 * the LA's policy says so (see Policy.volunteers), nor connected with a provider of placements.
 */

/** The volunteer's answer to each category of the declaration: true means it applies to them. */
export interface IndependenceAnswers {
  electedMemberOfLa: boolean;
  employeeOfLa: boolean;
  relativeOrHouseholdMemberOfEither: boolean;
  /** Asked where the LA's policy includes placement providers; undefined when it was not asked. */
  connectedWithPlacementProvider?: boolean;
}

export interface IndependenceDeclaration extends IndependenceAnswers {
  wordingVersion: string;
}

const CATEGORIES: ReadonlyArray<[keyof IndependenceAnswers, string]> = [
  ['electedMemberOfLa', 'an elected member of the local authority'],
  ['employeeOfLa', 'an employee of the local authority'],
  [
    'relativeOrHouseholdMemberOfEither',
    'a relative or member of the household of an elected member or employee of the local authority',
  ],
  [
    'connectedWithPlacementProvider',
    'connected with a provider of placements for the children the local authority looks after',
  ],
];

/**
 * Why the volunteer does not count as independent under the policy, as a sentence that says how to put it right;
 * undefined when they do; with the rule that refuses approval (a match refuses it as `volunteer-<rule>`).
 */
export function independenceProblem(
  declaration: IndependenceDeclaration | undefined,
  policy: Policy,
):
  | {
      rule: 'not-independent' | 'independence-category-applies' | 'independence-declaration-incomplete';
      message: string;
    }
  | undefined {
  if (!declaration)
    return {
      rule: 'not-independent',
      message: 'This volunteer has not declared their independence from the local authority.',
    };
  const asksProvider = policy.volunteers.independenceIncludesPlacementProvider;
  const applying = CATEGORIES.filter(
    ([key]) => declaration[key] === true && (key !== 'connectedWithPlacementProvider' || asksProvider),
  ).map(([, text]) => text);
  if (applying.length > 0)
    return {
      rule: 'independence-category-applies',
      message:
        `This volunteer is not independent of the local authority: they are ${applying.join('; and ')}. ` +
        'They can be approved once none of this applies and they have made a new declaration.',
    };
  if (asksProvider && declaration.connectedWithPlacementProvider === undefined)
    return {
      rule: 'independence-declaration-incomplete',
      message:
        'The declaration does not say whether the volunteer is connected with a provider of placements for ' +
        "the local authority's children. Record a new declaration that answers it.",
    };
  return undefined;
}
