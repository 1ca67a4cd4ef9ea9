/**
 * The field each rule of the domain is about, so a refusal is shown beside the answer that breaks it (GOV.UK: an
 * error message links to its field) and the API names the field in its problem. Rules about the record as a whole
 * (already matched, not looked after) name no field.
 */
const RULE_FIELDS: Record<string, string> = {
  'invalid-date': 'occurredOn',
  'future-date': 'occurredOn',
  'backdating-needs-reason': 'reason',
  'before-entering-care': 'occurredOn',
  'before-leaving-care': 'occurredOn',
  'before-match': 'occurredOn',
  'before-referral': 'occurredOn',
  'before-approval': 'occurredOn',
  'born-after-entering-care': 'dateOfBirth',
  'too-old': 'dateOfBirth',
  'review-outcome': 'outcome',
  'visit-duration': 'durationMinutes',
  'objection-needs-understanding': 'sufficientUnderstanding',
  'until-age': 'untilAge',
  'not-yet-18': 'leftCareReason',
  'care-leaver-offer-at-18': 'continueUntilAge',
  'dbs-future': 'issuedOn',
  'dbs-older': 'issuedOn',
  'capacity-range': 'capacity',
  'contact-channel-needs-detail': 'contactChannel',
  'expense-amount': 'amount',
  'expense-in-future': 'spentOn',
  'expense-before-approval': 'spentOn',
  'rejection-needs-reason': 'rejectionReason',
  'training-in-future': 'completedOn',
  'training-expiry-order': 'expiresOn',
  'capacity-below-matches': 'capacity',
  'no-such-entry': 'correctsVersion',
  'entry-not-markable': 'correctsVersion',
  'entry-has-dependents': 'correctsVersion',
};

export const fieldOfRule = (rule: string | undefined): string | undefined =>
  rule === undefined ? undefined : RULE_FIELDS[rule];
