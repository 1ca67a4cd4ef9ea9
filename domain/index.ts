/** The pure domain's public names, for handlers, workflows and read models. */
export * from './calendar';
export * from './child';
export { type Decided, type Decider, type DecisionContext, DomainRuleBroken, fold } from './decider';
export { decideMatch, type MatchVisitor } from './matching';
export * from './obligations';
export * from './policy';
export { decideWithVisitor, visitorStreamFor } from './relationship';
export * from './volunteer';
