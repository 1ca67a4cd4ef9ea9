import { describe, expect, it } from 'vitest';
import { childDecider } from '../../../../domain/child';
import { specFor } from '../../../support/decider-spec';
import { at, JURISDICTIONS, matched } from './journeys';

/*
 * s.23ZB(4)(b), (c) (Wales: s.98(4)(b), (c)): the IV resigns, or the LA ends the appointment, by written notice. The
 * date of the notice is checked like every other date: not in the future, not after the ending it gives, and not
 * before the appointment began (matched on 2 February 2026).
 */
const NOW = at('2026-06-01');
const spec = specFor(childDecider);
const endings = [
  [
    'the IV resigns',
    'IndependentVisitorResigned',
    (writtenNoticeOn: string) => ({ type: 'RecordIvResignation' as const, writtenNoticeOn }),
  ],
  [
    'the LA terminates',
    'AppointmentTerminatedByLa',
    (writtenNoticeOn: string) => ({
      type: 'TerminateAppointment' as const,
      writtenNoticeOn,
      reason: 'other' as const,
    }),
  ],
] as const;

describe.each(JURISDICTIONS)('the date of the written notice, in $country', ({ la }) => {
  describe.each(endings)('when %s', (_, recorded, ending) => {
    it('given a notice dated tomorrow, then it is refused', () => {
      spec(matched(la)).when(ending('2026-06-02'), NOW).thenRefused('notice-in-future', 422);
    });

    it('given a notice dated before the appointment began, then it is refused', () => {
      spec(matched(la)).when(ending('2026-02-01'), NOW).thenRefused('notice-before-appointment', 422);
    });

    it('given an ending recorded late, when the notice is dated after that ending, then it is refused', () => {
      spec(matched(la))
        .when({ ...ending('2026-05-25'), occurredAt: at('2026-05-20') }, NOW, { reason: 'letter found late' })
        .thenRefused('notice-after-ending', 422);
    });

    it('given a notice dated on the day the appointment began, or today, then the ending is recorded', () => {
      for (const noticeOn of ['2026-02-02', '2026-06-01']) {
        const [notice] = spec(matched(la))
          .when(ending(noticeOn), NOW)
          .then([{ type: recorded }, { type: 'RelationshipEnded' }]);
        expect(notice!.data).toMatchObject({ matchId: 'match-1', writtenNoticeOn: noticeOn });
      }
    });
  });
});
