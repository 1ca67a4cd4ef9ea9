import { describe, expect, it } from 'vitest';
import { childRow } from '../../../../application/projections/child-row';
import { laReport, reportFigures } from '../../../../application/reports/la-report';
import type { RecordedEvent } from '../../../../events/envelope';
import { LA } from '../../../support/domain';
import { storedEvent } from '../../../support/stream-records';
import { matched } from '../../domain/rules/journeys';

/** Reports count safeguarding concerns, and nothing else about them: no words, no child, no visitor. */
describe('safeguarding in the LA report', () => {
  it('counts the concerns and allegations raised in the period and those still open, and says nothing of what they are', () => {
    const child = matched(LA);
    child.record(
      { type: 'RaiseConcern', about: 'child', summary: 'Said they were hit at school' },
      '2026-05-22T10:00:00.000Z',
    );
    child.record(
      { type: 'RaiseConcern', about: 'visitor', summary: 'Shouted at the child' },
      '2026-05-26T10:00:00.000Z',
    );
    child.record({ type: 'ReferAllegationToLado', concernNumber: 2 }, '2026-05-27T10:00:00.000Z');
    child.record(
      { type: 'RecordConcernOutcome', concernNumber: 2, outcome: 'unfounded' },
      '2026-06-10T10:00:00.000Z',
    );
    const events = child.facts.map(
      ({ event, meta }) =>
        ({
          ...storedEvent({
            streamId: 'child#child-1',
            la: LA,
            version: meta.version,
            type: event.type,
            data: event.data,
            metadata: {
              ...storedEvent().metadata,
              occurredAt: meta.occurredAt,
              recordedAt: meta.recordedAt,
              actor: meta.actor,
            },
          }),
          stored: { schemaVersion: 1, data: event.data },
        }) as RecordedEvent,
    );
    const row = childRow(events, new Date('2026-06-30T12:00:00.000Z'))!;
    const may = laReport([row], [], LA, { from: '2026-05-01', to: '2026-05-31' });
    expect(may.safeguarding).toEqual({ concernsRaised: 2, allegationsRaised: 1, openNow: 2 });
    const june = laReport([row], [], LA, { from: '2026-06-01', to: '2026-06-30' });
    expect(june.safeguarding).toEqual({ concernsRaised: 0, allegationsRaised: 0, openNow: 1 });
    const figures = JSON.stringify(reportFigures(may));
    expect(figures).toContain('"section":"safeguarding"');
    expect(figures).not.toMatch(/hit at school|Shouted|volunteer-7/);
  });
});
