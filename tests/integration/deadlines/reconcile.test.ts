import { DeleteItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { executionNameFor } from '../../../application/deadlines/plan';
import type { LocalRuntime, LocalRuntimeOptions } from '../../../infra/local/runtime';
import { reconcileLines } from '../../../scripts/audit-reconcile';
import { seedLa } from '../../../scripts/seed';
import { childEntersCare, testRuntime, untilNextWake } from '../../support/local-runtime';

/** "No child missed" as a proof: the reconciler finds what was lost on the way and puts it right (issue 19). */
let runtime: LocalRuntime | undefined;
afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
});
const start = async (options: LocalRuntimeOptions = {}) => {
  runtime = await testRuntime({ clockStartsAt: new Date('2026-06-01T09:00:00.000Z'), ...options });
  return runtime;
};
const offerObligation = (streamId: string) =>
  `${streamId}:offer-iv-by-first-review:${runtime!.clock.now().toISOString().slice(0, 10)}`;
const running = (rt: LocalRuntime) =>
  rt.stepFunctions
    .list({ status: 'RUNNING' })
    .map((e) => (e.input as { obligation: { id: string } }).obligation.id);

describe('the reconciler', () => {
  it('checks every record and repairs nothing when nothing was lost', async () => {
    const rt = await start();
    const children = [await childEntersCare(rt), await childEntersCare(rt)];
    await rt.settle();
    const report = await rt.reconcile();
    expect(report).toMatchObject({
      streams: 2,
      obligations: 2,
      rows: 2,
      repaired: 0,
      rearmed: [],
      reprojected: [],
    });
    expect(reconcileLines(report)).toEqual([
      `Checked 2 records at ${report.at}: 2 open obligations against the running deadline workflows, 2 list rows against their records.`,
      'Repaired nothing: every open obligation has its deadline workflow and every row is current.',
    ]);
    expect(running(rt).sort()).toEqual(children.map(offerObligation).sort());
  });

  it('re-arms an obligation whose workflow was never started, and re-projects a row that was lost', async () => {
    let dropped = 0;
    const rt = await start({
      // The starter "succeeds" without starting anything for the first child: a start lost on the way.
      wrap: {
        ObligationStarter: (startOne) => async (event) =>
          dropped++ === 0 ? { started: 0 } : startOne(event),
      },
    });
    const lost = await childEntersCare(rt);
    const kept = await childEntersCare(rt);
    await rt.settle();
    await rt.dynamo.send(
      new DeleteItemCommand({ TableName: rt.tables.childSummary, Key: marshall({ streamId: kept }) }),
    );
    expect(running(rt)).toEqual([offerObligation(kept)]);

    const report = await rt.reconcile();
    expect(report.rearmed).toEqual([
      {
        streamId: lost,
        obligationId: offerObligation(lost),
        execution: executionNameFor(offerObligation(lost)),
      },
    ]);
    expect(report.reprojected).toEqual([{ streamId: kept, rowVersion: undefined, streamVersion: 1 }]);
    expect(report.repaired).toBe(2);
    expect(reconcileLines(report).slice(1)).toEqual([
      'Repaired 2 things:',
      `  re-armed      ${lost}  ${offerObligation(lost)}  (execution ${executionNameFor(offerObligation(lost))})`,
      `  re-projected  ${kept}  row missing, record at v1`,
    ]);
    expect(running(rt).sort()).toEqual([offerObligation(lost), offerObligation(kept)].sort());
    expect(await rt.store.read(lost)).toHaveLength(1);
    expect((await rt.reconcile()).repaired).toBe(0);

    // The re-armed workflow does its job: the reminder falls due and is recorded.
    await untilNextWake(rt);
    expect((await rt.store.read(lost)).map((e) => e.type)).toEqual([
      'ChildEnteredCare',
      'ObligationReminderSent',
    ]);
  });

  it('carries on under a new name when the obligation’s workflow had ended (failed), and never twice', async () => {
    let failing = true;
    const rt = await start({
      wrap: {
        DeadlineTasks: (task) => async (input) => {
          if (failing) throw new Error('the deadline function is broken');
          return task(input);
        },
      },
    });
    const child = await childEntersCare(rt);
    await rt.settle();
    expect(rt.stepFunctions.list().map((e) => e.status)).toEqual(['FAILED']);
    failing = false;
    const report = await rt.reconcile();
    expect(report.rearmed).toHaveLength(1);
    expect(report.rearmed[0]!.execution).toMatch(
      new RegExp(`^${executionNameFor(offerObligation(child))}--a\\d{14}$`),
    );
    expect(running(rt)).toEqual([offerObligation(child)]);
    expect((await rt.reconcile()).repaired).toBe(0);
  });
});

describe('a bulk load (the first start’s seed)', () => {
  it('projects every record and arms every open obligation, so the reconciler repairs nothing', async () => {
    const rt = await start();
    const asOf = rt.clock.now().toISOString().slice(0, 10);
    const seeded = await seedLa(rt.dynamo, rt.tables, 'E09999001', {
      children: 40,
      seed: 'bulk',
      asOf,
      keys: rt.keys,
    });
    await rt.skipStreamBacklog();
    const loaded = await rt.announceHeads(seeded.streamIds);
    await rt.settle();
    // Records whose newest event is a deadline record: the bus never takes those to the obligation starter.
    const heads = await Promise.all(
      seeded.streamIds.map(async (id) => (await rt.store.read(id)).at(-1)!.type),
    );
    expect(heads.filter((type) => type.startsWith('Obligation')).length).toBeGreaterThan(0);
    expect(loaded).toMatchObject({ streams: seeded.streamIds.length, projected: seeded.streamIds.length });
    expect(loaded.armed).toBe(loaded.obligations);
    const report = await rt.reconcile();
    expect(report).toMatchObject({
      streams: seeded.streamIds.length,
      repaired: 0,
      rearmed: [],
      reprojected: [],
    });
    expect(report.obligations).toBeGreaterThan(0);
  });
});

describe('the scheduled jobs, locally', () => {
  it('anchors every hour by the clock, as the scheduled rule does in AWS, however far the clock jumps', async () => {
    const rt = await start({ schedules: true });
    await childEntersCare(rt);
    await rt.settle();
    expect(await rt.anchors.latest()).toBeUndefined();
    await rt.advance('1h');
    const first = await rt.anchors.latest();
    expect(first?.streams).toBe(1);
    await rt.advance('30m');
    expect((await rt.anchors.latest())?.anchoredAt).toBe(first?.anchoredAt);
    await rt.advance('21d');
    const later = await rt.anchors.latest();
    expect(Date.parse(later!.anchoredAt)).toBeGreaterThan(Date.parse(first!.anchoredAt) + 20 * 86_400_000);
  });

  it('reconciles every day by the clock', async () => {
    let runs = 0;
    const rt = await start({
      schedules: true,
      wrap: {
        Reconciler: (reconcile) => async (event) => {
          runs++;
          return reconcile(event);
        },
      },
    });
    await rt.settle();
    expect(runs).toBe(0);
    await rt.advance('23h');
    expect(runs).toBe(0);
    await rt.advance('1h');
    expect(runs).toBe(1);
    await rt.advance('3d');
    expect(runs).toBe(2);
  });
});
