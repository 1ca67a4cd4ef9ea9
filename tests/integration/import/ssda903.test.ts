import { describe, expect, it } from 'vitest';
import { reasonText } from '../../../adapters/web/i18n/ssda903-import';
import { runCommand } from '../../../application/command';
import {
  importBy,
  importedChildId,
  ivStatusExport,
  previewImport,
  type Reason,
  runImport,
} from '../../../application/import';
import { toDmy } from '../../../application/import/dates';
import { recordedFactsOf } from '../../../application/import/ssda903/plan';
import { SYNTHETIC_DISTRICTS, syntheticExtract } from '../../../application/import/ssda903/synthetic';
import type { EventStore } from '../../../application/ports/event-store';
import { CHILD, typedEvents } from '../../../application/records';
import { addDays, londonDateOf } from '../../../domain/calendar';
import type { ChildEvent } from '../../../events/contracts/child';
import { childStreamId } from '../../../events/stream-id';
import { isolatedApp } from '../../support/app';
import { enterCare } from '../../support/domain';
import {
  coordinatorOf,
  DISTRICTS,
  EPISODE_COLUMNS,
  newLa,
  twoChildren,
  uploads,
} from '../../support/ssda903';

// Tables of its own: the imports fill whole local authorities, which other tests' scans need not read.
const { app } = await isolatedApp(`imports${Date.now()}`);
const read = async (la: string, child: string) =>
  typedEvents<ChildEvent>(CHILD, await app.store.read(childStreamId(importedChildId(la, child))));

/** A refusal with its sentence in English, as the API and the command line give it. */
const worded = <T extends { reason: Reason }>({ reason, ...rest }: T) => ({
  ...rest,
  message: reasonText(reason),
});

async function imported(la: string, files = uploads(twoChildren('')), districts = DISTRICTS) {
  const request = importBy(coordinatorOf(la), files, districts);
  const preview = await previewImport(app, request);
  const result = await runImport(app, request, { planDigest: preview.planDigest });
  return { request, preview, result };
}

describe('importing a synthetic SSDA903 extract of the generator’s children', () => {
  it('gives back, child by child, the same periods of care, placements, reviews and statuses; again, it writes nothing', async () => {
    const la = newLa();
    const asOf = londonDateOf(addDays(londonDateOf(new Date()), -1));
    const synthetic = syntheticExtract(la, { children: 30, seed: 'round-trip', asOf });
    const files = uploads(synthetic.files);
    const request = importBy(coordinatorOf(la), files, new Set(SYNTHETIC_DISTRICTS));

    const preview = await previewImport(app, request);
    expect(preview.fileProblems).toEqual([]);
    expect(preview.refusals).toEqual([]);
    expect(preview.totals).toMatchObject({
      children: synthetic.children.length,
      new: synthetic.children.length,
    });
    // Nothing is written until the import is confirmed.
    expect(await read(la, synthetic.children[0]!.child)).toEqual([]);

    const result = await runImport(app, request, { planDigest: preview.planDigest });
    expect(result.failed).toEqual([]);
    expect(result.written.children).toBe(synthetic.children.length);

    for (const truth of synthetic.children) {
      const facts = recordedFactsOf(await read(la, truth.child));
      const periods = facts.filter((f) => f.kind === 'period-start').map((f) => f.on);
      const left = facts.filter((f) => f.kind === 'left').map(({ on, reason }) => ({ on, reason }));
      expect(periods, truth.child).toEqual(truth.periods.map((p) => p.startedOn));
      expect(left, truth.child).toEqual(
        truth.periods.filter((p) => p.endedOn).map((p) => ({ on: p.endedOn, reason: p.reason })),
      );
      expect(
        facts
          .filter((f) => f.kind !== 'review' && f.kind !== 'left')
          .map(({ on, inArea }) => ({ on, inArea })),
        truth.child,
      ).toEqual(truth.placements);
      expect(
        facts.filter((f) => f.kind === 'review').map((f) => f.on),
        truth.child,
      ).toEqual(truth.reviews);
    }

    const exported = await ivStatusExport(app, la);
    expect(exported.rows.map((r) => r.CHILD).sort()).toEqual(synthetic.children.map((c) => c.child).sort());
    for (const truth of synthetic.children) {
      const row = exported.rows.find((r) => r.CHILD === truth.child)!;
      const period = truth.periods.at(-1)!;
      expect(row, truth.child).toMatchObject({
        LOOKED_AFTER: period.endedOn ? 'no' : 'yes',
        PERIOD_START: toDmy(period.startedOn),
        PERIOD_END: period.endedOn ? toDmy(period.endedOn) : '',
        LEFT_CARE_REASON: period.reason ?? '',
        REVIEWS: String(truth.reviews.length),
        LAST_REVIEW: truth.reviews.length ? toDmy(truth.reviews.at(-1)!) : '',
        // The extract says nothing about IVs: unknown for those in care, until a coordinator records the offer.
        IV_STATUS: period.endedOn ? 'left-care' : 'unknown',
      });
    }
    expect(exported.csv.split('\r\n')[0]).toBe(
      'CHILD,LOOKED_AFTER,PERIOD_START,PERIOD_END,LEFT_CARE_REASON,REVIEWS,LAST_REVIEW,IV_STATUS,IV_STATUS_SINCE,OFFERED,DECISION,DECISION_DATE,REFERRED,MATCHED,VOLUNTEER',
    );

    const again = await previewImport(app, request);
    expect(again.totals).toMatchObject({ unchanged: synthetic.children.length, facts: 0, conflicts: 0 });
    const rerun = await runImport(app, request, { planDigest: again.planDigest });
    expect(rerun.written).toEqual({ children: 0, events: 0 });
  });
});

describe('what an import writes', () => {
  it('writes backdated events through the deciders, with the import’s reason, the importer as actor and the extract’s hash', async () => {
    const la = newLa();
    const { preview, result } = await imported(la);
    expect(result.written).toEqual({ children: 2, events: 9 });
    const events = await read(la, '1001');
    expect(events.map((e) => e.type)).toEqual([
      'ChildEnteredCare',
      'LookedAfterReviewHeld',
      'ChildPlacementChanged',
      'LookedAfterReviewHeld',
      'ChildLeftCare',
      'ChildRecordImported',
    ]);
    for (const event of events)
      expect(event.metadata).toMatchObject({
        actor: { id: `coordinator-${la}`, role: 'coordinator', la },
        reason: `Imported from the case system’s SSDA903 extract (SHA-256 ${preview.sha256.slice(0, 12)}…)`,
        correlationId: `ssda903:${preview.sha256}`,
      });
    // Known by its date: the start of that day in London (summer time on 10 June).
    expect(events[0]!.metadata.occurredAt).toBe('2024-03-01T00:00:00.000Z');
    expect(events[2]!.metadata.occurredAt).toBe('2024-06-09T23:00:00.000Z');
    expect(events[0]!.data).toMatchObject({
      dateOfBirth: '2012-03-14',
      sex: 'female',
      placementInLaArea: true,
    });
    expect(events[0]!.data).not.toHaveProperty('unaccompaniedAsylumSeeking');
    expect(events[2]!.data).toEqual({ placementInLaArea: false });
    expect(events[1]!.data).toEqual({}); // the extract does not say whether the review considered an IV
    expect(events.at(-1)!.data).toEqual({ source: 'ssda903', caseSystemId: '1001' });
    expect((await read(la, '1002'))[0]!.data).not.toHaveProperty('placementInLaArea');
  });

  it('appends only what the next month’s extract adds, and lists a changed past without rewriting it', async () => {
    const la = newLa();
    await imported(la);
    const next = twoChildren('');
    next.Episodes[3] = '1002,05/09/2025,S,V2,N4,U4,PR1,03/11/2025,X1,,,,';
    next.Episodes.push('1002,03/11/2025,P,V2,N4,U6,PR1,,,CARPL,,NV2 1CD,');
    next.Reviews.push('1002,02/11/2015,14/11/2025,PN1');
    const request = importBy(coordinatorOf(la), uploads(next), DISTRICTS);
    const preview = await previewImport(app, request);
    expect(
      preview.children.map(({ child, outcome, facts }) => ({
        child,
        outcome,
        facts: facts.map((f) => [f.kind, f.on]),
      })),
    ).toEqual([
      { child: '1001', outcome: 'unchanged', facts: [] },
      {
        child: '1002',
        outcome: 'additions',
        facts: [
          ['placement', '2025-11-03'],
          ['review', '2025-11-14'],
        ],
      },
    ]);
    const before = (await read(la, '1002')).length;
    expect((await runImport(app, request, { planDigest: preview.planDigest })).written).toEqual({
      children: 1,
      events: 2,
    });
    expect((await read(la, '1002')).slice(before).map((e) => [e.type, e.data])).toEqual([
      ['ChildPlacementChanged', { placementInLaArea: true }],
      ['LookedAfterReviewHeld', {}],
    ]);

    // A month later the case system has moved 1001's start by three days: listed, never rewritten.
    const moved = twoChildren('');
    moved.Episodes[1] = '1001,04/03/2024,S,C2,N1,U4,PR1,10/06/2024,X1,,,NV1 2AB,';
    moved.Episodes = [...moved.Episodes.slice(0, 3), ...next.Episodes.slice(3)];
    moved.Reviews = next.Reviews;
    const changed = await previewImport(app, importBy(coordinatorOf(la), uploads(moved), DISTRICTS));
    const first = changed.children.find((c) => c.child === '1001')!;
    expect(first.facts).toEqual([]);
    expect(first.conflicts.map((c) => reasonText(c.reason))).toEqual([
      expect.stringMatching(
        /^The extract has the start of a period of care on 4 March 2024 that is not on record/,
      ),
      expect.stringMatching(
        /^The record has the start of a period of care on 1 March 2024 that the extract does not/,
      ),
    ]);
    expect(first.conflicts[0]!.source).toEqual({ file: 'Episodes', row: 2, field: 'DECOM' });
    const events = (await read(la, '1001')).length;
    await runImport(app, importBy(coordinatorOf(la), uploads(moved), DISTRICTS));
    expect((await read(la, '1001')).length).toBe(events);
  });

  it('refuses, for that child only, what the domain refuses, and writes the rest', async () => {
    const la = newLa();
    const files = twoChildren('');
    files.Header[1] = '1001,F,14/03/2005,WBRI,,,'; // 18 by 1 March 2024
    files.Episodes[3] = `1002,${toDmy(addDays(londonDateOf(new Date()), 5))},S,V2,N4,U4,PR1,,,,,,`;
    files.Reviews = files.Reviews.slice(0, 1);
    const { preview, result } = await imported(la, uploads(files));
    expect(
      preview.refusals
        .map(worded)
        .map(({ file, row, field, child, message }) => ({ file, row, field, child, message })),
    ).toEqual([
      {
        file: 'Episodes',
        row: 2,
        field: 'DECOM',
        child: '1001',
        message: 'A young person of 18 or over cannot become looked after.',
      },
      {
        file: 'Episodes',
        row: 4,
        field: 'DECOM',
        child: '1002',
        message: 'That date is in the future. Record it once it has happened.',
      },
    ]);
    expect(result.written).toEqual({ children: 0, events: 0 });
  });

  it('refuses a CHILD whose record belongs to another local authority’s import', async () => {
    const la = newLa();
    const other = newLa();
    // Made by hand: a record of another LA under the id this LA's child 1001 would have.
    const childId = importedChildId(la, '1001');
    const otherActor = { id: 'coordinator-other', role: 'coordinator' as const, la: other };
    await runCommand({
      store: app.store,
      kind: CHILD,
      id: childId,
      la: other,
      command: { ...enterCare({ childId, la: other }) },
      context: { actor: otherActor, now: () => new Date() },
      info: { commandId: `other-${childId}`, actor: otherActor },
      mustExist: false,
    });
    const { preview, result } = await imported(la);
    expect(preview.children.find((c) => c.child === '1001')!.refusals.map(worded)).toEqual([
      {
        file: 'Header',
        row: 2,
        field: 'CHILD',
        child: '1001',
        message:
          'CHILD 1001 belongs to another local authority’s import. Check that this is your authority’s extract.',
      },
    ]);
    expect(result.written.children).toBe(1);
    expect((await app.store.read(childStreamId(childId))).every((e) => e.la === other)).toBe(true);
  });

  it('when a child’s record changed meanwhile, writes the others and says which was not written', async () => {
    const la = newLa();
    const request = importBy(coordinatorOf(la), uploads(twoChildren('')), DISTRICTS);
    const preview = await previewImport(app, request);
    // Between the import's own check and its write of child 1002, someone records 1002 by other means.
    let interfered = false;
    const store: EventStore = {
      append: (...args) => app.store.append(...args),
      read: (...args) => app.store.read(...args),
      findCommand: (...args) => app.store.findCommand(...args),
      listStreams: (...args) => app.store.listStreams(...args),
      appendMany: async (appends, command) => {
        const childId = importedChildId(la, '1002');
        if (!interfered && appends.some((a) => a.streamId === childStreamId(childId))) {
          interfered = true;
          const actor = coordinatorOf(la);
          await runCommand({
            store: app.store,
            kind: CHILD,
            id: childId,
            la,
            command: enterCare({ childId, la }),
            context: { actor: { ...actor, role: 'coordinator' }, now: () => new Date() },
            info: { commandId: `by-hand-${childId}`, actor: { id: actor.id, role: 'coordinator', la } },
            mustExist: false,
          });
        }
        return app.store.appendMany(appends, command);
      },
    };
    const result = await runImport({ ...app, store }, request, { planDigest: preview.planDigest });
    expect(result.written).toEqual({ children: 1, events: 6 });
    expect(result.failed.map(worded)).toEqual([
      {
        child: '1002',
        message: expect.stringMatching(
          /^Nothing was written for this child: This child's entry into care is already recorded/,
        ),
      },
    ]);
    expect((await read(la, '1001')).map((e) => e.metadata.commandId)).toEqual(
      Array(6).fill(expect.stringMatching(/^ssda903-/)),
    );
  });

  it('writes nothing when a file is wrong, nor when the records changed since the preview', async () => {
    const la = newLa();
    const broken = twoChildren('');
    broken.Episodes[0] = EPISODE_COLUMNS.replace('PL_POST,', '');
    const { preview, result } = await imported(la, uploads(broken));
    expect(preview.fileProblems.map(worded)).toEqual([
      { file: 'Episodes', message: expect.stringMatching(/^The Episodes file has no PL_POST column/) },
    ]);
    expect(preview.children).toEqual([]);
    expect(result.written).toEqual({ children: 0, events: 0 });

    const request = importBy(coordinatorOf(la), uploads(twoChildren('')), DISTRICTS);
    const stale = await previewImport(app, request);
    await runImport(app, request, { planDigest: stale.planDigest });
    await expect(runImport(app, request, { planDigest: stale.planDigest })).rejects.toThrow(
      /changed since the preview/,
    );
  });
});
