import type { Words } from '../words';

/**
 * The retention rule of a record, as domain/retention.ts writes it ("<the regulation>: <the period>", or the LA's
 * policy for volunteer records), in the reader's words. The period is one of these sentences, each also its key in
 * the web's catalogue of sentences; the regulation's title is a term of the catalogue (its official Welsh title
 * where the regulation has one), so a title the catalogue does not know is shown as the policy gives it.
 */
export const RETENTION_WORDS = {
  volunteerPolicy: "the local authority's retention policy for volunteer records",
  afterLeaving: '{{n}} years after leaving the service',
  afterDeath: '{{n}} years from the death of a child who died before 18',
  anniversary: "until the {{n}}th anniversary of the child's birth",
} as const;

/** "<source>: <period>", the period being one of the sentences with its number of years. */
const PERIODS = [RETENTION_WORDS.afterLeaving, RETENTION_WORDS.afterDeath, RETENTION_WORDS.anniversary].map(
  (sentence) => ({ sentence, pattern: new RegExp(`^(.+): ${sentence.replace('{{n}}', '(\\d+)')}$`) }),
);

const sourceIn = (source: string, w: Words) =>
  source === RETENTION_WORDS.volunteerPolicy ? w.say(source) : w.term(source);

export function retentionRuleIn(rule: string, w: Words): string {
  for (const { sentence, pattern } of PERIODS) {
    const match = pattern.exec(rule);
    if (match) return `${sourceIn(match[1]!, w)}: ${w.say(sentence, { n: match[2]! })}`;
  }
  return sourceIn(rule, w);
}
