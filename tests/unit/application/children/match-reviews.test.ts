import { describe, expect, it } from 'vitest';
import { matchReviewsOf, trendOf } from '../../../../application/children/match-reviews';
import { historyOf, sentenceOf } from '../../../../application/timeline';
import type { RecordedEvent } from '../../../../events/envelope';
import { ERASED } from '../../../../events/personal-fields';

let version = 0;
const recorded = (type: string, data: object, occurredAt: string): RecordedEvent =>
  ({
    eventId: `event-${++version}`,
    streamId: 'child#child-1',
    version,
    type,
    schemaVersion: 2,
    data,
    metadata: {
      eventId: `event-${version}`,
      occurredAt,
      recordedAt: occurredAt,
      actor: { id: 'persona-coordinator', role: 'coordinator', la: 'E08000035' },
    },
  }) as unknown as RecordedEvent;

const review = (occurredAt: string, views: object, matchId = 'match-1') =>
  recorded('MatchReviewed', { matchId, outcome: 'continuing', ...views }, occurredAt);

const names = {
  subject: 'Jay',
  staff: () => 'Priya Okafor',
  volunteer: () => 'Siân Pritchard',
  child: () => 'a child',
  actorName: () => 'Priya Okafor',
};

describe('the views given at match reviews', () => {
  const events = [
    review('2026-03-02T10:00:00.000Z', {
      childsView: { going: 'okay', words: 'It is alright.' },
      visitorsView: { going: 'well' },
      carersView: { going: 'not-so-well' },
    }),
    // A review of an earlier match, and one recorded before views were asked: neither is this match's trend.
    review('2026-04-01T10:00:00.000Z', { childsView: { going: 'not-well' } }, 'match-0'),
    review('2026-05-01T10:00:00.000Z', {}),
    review('2026-06-01T10:00:00.000Z', {
      childsView: { going: 'did-not-want-to-say' },
      visitorsView: { going: 'well' },
      carersView: { going: 'okay' },
    }),
    review('2026-09-01T10:00:00.000Z', {
      childsView: { going: 'really-well', words: 'We went to the climbing wall!' },
      visitorsView: { going: 'not-so-well', words: ERASED },
      carersView: { going: 'well' },
    }),
  ];

  it('lists this match’s reviews that asked for views, oldest first, with words withheld shown as such', () => {
    const reviews = matchReviewsOf(events, 'match-1');
    expect(reviews.map((r) => r.on)).toEqual(['2026-03-02', '2026-06-01', '2026-09-01']);
    expect(reviews[2]!.views).toEqual({
      child: { going: 'really-well', words: 'We went to the climbing wall!' },
      visitor: { going: 'not-so-well', words: 'Erased' },
      carer: { going: 'well' },
    });
  });

  it('gives each person’s trend from their last two answers on the scale, passing over "did not want to say"', () => {
    const reviews = matchReviewsOf(events, 'match-1');
    expect(trendOf(reviews, 'child')).toBe('better');
    expect(trendOf(reviews, 'visitor')).toBe('worse');
    expect(trendOf(reviews, 'carer')).toBe('better');
    expect(trendOf(reviews.slice(0, 2), 'visitor')).toBe('same');
    expect(trendOf(reviews.slice(0, 2), 'child')).toBeUndefined();
  });

  it('leaves out a review marked as recorded by mistake', () => {
    const mistake = recorded(
      'EntryRecordedInError',
      { correctsVersion: events.at(-1)!.version, correctsType: 'MatchReviewed', explanation: 'Wrong child' },
      '2026-09-02T10:00:00.000Z',
    );
    expect(matchReviewsOf([...events, mistake], 'match-1').map((r) => r.on)).toEqual([
      '2026-03-02',
      '2026-06-01',
    ]);
  });

  it('says in the history what each said, with the child’s own words beside it', () => {
    const ctx = { ...names, actor: 'Priya Okafor', entry: () => undefined };
    expect(sentenceOf(events.at(-1)!, ctx)).toBe(
      'Priya Okafor reviewed the match: continuing. Jay said it is going really well; the Independent Visitor ' +
        'said it is not going so well; the carer said it is going well.',
    );
    expect(sentenceOf(events[3]!, ctx)).toBe(
      'Priya Okafor reviewed the match: continuing. Jay did not want to say how it is going; the Independent ' +
        'Visitor said it is going well; the carer said it is going okay.',
    );
    expect(sentenceOf(events[2]!, ctx)).toBe('Priya Okafor reviewed the match: continuing.');
    const [newest] = historyOf(events, names);
    expect(newest!.childsWords).toBe('We went to the climbing wall!');
  });
});
