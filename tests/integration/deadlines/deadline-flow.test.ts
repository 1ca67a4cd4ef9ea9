import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ulid } from 'ulid';
import { afterEach, describe, expect, it } from 'vitest';
import { DOMAIN_EVENT_SOURCE, toPublished } from '../../../application/ports/bus';
import type { LocalRuntime } from '../../../infra/local/runtime';
import {
  childEntersCare,
  historyOf,
  onChild,
  outboxFor,
  testRuntime,
  typesOf,
  untilNextWake,
} from '../../support/local-runtime';

/**
 * The synthesized deadline state machine run end to end on the local runtime: DynamoDB Local's stream -> publisher
 * -> bus rules -> obligation starter -> the ASL -> deadline steps -> the child's stream -> notifier -> outbox.
 * The child enters care on Monday 1 June 2026 (a made-up child). The first review is due 20 working days later,
 * on Monday 29 June; the reminder goes 5 working days before, on 22 June at 09:00 London time; escalations weekly.
 */
const ENTERS_CARE = new Date('2026-06-01T09:00:00.000Z');
const REMIND_AT = '2026-06-22T08:00:00.000Z';
const DUE_AT = '2026-06-29T23:00:00.000Z';

let runtime: LocalRuntime | undefined;
afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
});

const start = async () => {
  runtime = await testRuntime({ clockStartsAt: ENTERS_CARE });
  return runtime;
};

describe('deadline workflow, locally end to end', () => {
  it('no offer ever: a reminder before the first review is due, the miss on the day, then weekly escalations', async () => {
    const rt = await start();
    const child = await childEntersCare(rt);
    await rt.settle();
    const [execution] = rt.stepFunctions.list();
    expect(execution?.input).toMatchObject({
      obligation: { kind: 'offer-iv-by-first-review', streamId: child, remindAt: REMIND_AT, dueAt: DUE_AT },
    });

    await rt.advance('20d'); // 21 June: nothing yet
    expect(typesOf(await historyOf(rt, child))).toEqual(['ChildEnteredCare']);

    await untilNextWake(rt); // 22 June, 09:00 London
    await untilNextWake(rt); // 29 June, end of the day
    await untilNextWake(rt); // escalation 1
    await untilNextWake(rt); // escalation 2

    const history = await historyOf(rt, child);
    expect(typesOf(history)).toEqual([
      'ChildEnteredCare',
      'ObligationReminderSent',
      'ObligationDeadlineMissed',
      'ObligationEscalated',
      'ObligationEscalated',
    ]);
    const [, reminder, missed, first, second] = history;
    expect(reminder!.role).toBe('system');
    expect(reminder!.recordedAt >= REMIND_AT && reminder!.recordedAt < DUE_AT).toBe(true);
    expect(missed!.recordedAt >= DUE_AT).toBe(true);
    expect([first!.data.escalation, second!.data.escalation]).toEqual([1, 2]);
    expect(first!.recordedAt >= '2026-07-06T23:00:00.000Z').toBe(true);

    const outbox = await outboxFor(rt, child);
    expect(outbox.map((n) => [n.kind, n.role]).sort()).toEqual(
      [
        ['reminder', 'coordinator'],
        ['deadline-missed', 'manager'],
        ['deadline-missed', 'iro'],
        ['escalation', 'manager'],
        ['escalation', 'iro'],
        ['escalation', 'manager'],
        ['escalation', 'iro'],
      ].sort(),
    );
    expect(outbox.find((n) => n.kind === 'reminder')!.personalisation).toMatchObject({
      due_date: '29 June 2026',
    });
    // The email links to the record and carries no detail of the child.
    expect(JSON.stringify(outbox)).not.toMatch(/2015-06-01|WBRI|sw-3003|iro-4004/);
    expect(rt.deadLetters()).toEqual([]);
  });

  it('an offer made before the reminder: no reminder, and the execution ends at its first check', async () => {
    const rt = await start();
    const child = await childEntersCare(rt);
    await rt.advance('5d');
    await onChild(rt, child, { type: 'OfferIndependentVisitor' });
    await rt.advance('40d');
    expect(typesOf(await historyOf(rt, child))).toEqual(['ChildEnteredCare', 'IndependentVisitorOffered']);
    expect(await outboxFor(rt, child)).toEqual([]);
    expect(rt.stepFunctions.list()).toMatchObject([{ status: 'SUCCEEDED' }]);
  });

  it('an offer between the reminder and the due date: the reminder stands, no miss, no escalation', async () => {
    const rt = await start();
    const child = await childEntersCare(rt);
    await untilNextWake(rt);
    await rt.advance('2d');
    await onChild(rt, child, { type: 'OfferIndependentVisitor' });
    await rt.advance('30d');
    expect(typesOf(await historyOf(rt, child))).toEqual([
      'ChildEnteredCare',
      'ObligationReminderSent',
      'IndependentVisitorOffered',
    ]);
    expect((await outboxFor(rt, child)).map((n) => n.kind)).toEqual(['reminder']);
    expect(rt.stepFunctions.list({ status: 'RUNNING' })).toEqual([]);
  });

  it('a child who asked to be written to in Welsh: the reminder goes with the Welsh template, in Welsh', async () => {
    const rt = await start();
    const child = await childEntersCare(rt, { correspondenceLanguage: 'cy' });
    await untilNextWake(rt);
    const [reminder] = await outboxFor(rt, child);
    expect(reminder).toMatchObject({
      kind: 'reminder',
      language: 'cy',
      personalisation: {
        duty: 'Ystyried a chynnig Ymwelydd Annibynnol erbyn yr adolygiad cyntaf o blentyn sy’n derbyn gofal',
        due_date: '29 Mehefin 2026',
      },
    });
  });

  it('the child leaves care before the due date: the obligation is gone and nothing more is sent', async () => {
    const rt = await start();
    const child = await childEntersCare(rt);
    await untilNextWake(rt);
    await rt.advance('1d');
    await onChild(rt, child, { type: 'LeaveCare', reason: 'returned-home' });
    await rt.advance('30d');
    expect(typesOf(await historyOf(rt, child))).toEqual([
      'ChildEnteredCare',
      'ObligationReminderSent',
      'ChildLeftCare',
    ]);
    expect((await outboxFor(rt, child)).map((n) => n.kind)).toEqual(['reminder']);
  });

  it('a duplicate start and a duplicate delivery are harmless: one execution, one reminder, one email', async () => {
    const rt = await start();
    const child = await childEntersCare(rt);
    await rt.settle();
    // EventBridge delivers at least once: the same event again, then a later event on the same stream.
    const [entered] = await rt.store.read(child);
    await rt.bus.put([
      { source: DOMAIN_EVENT_SOURCE, detailType: entered!.type, detail: toPublished(entered!) },
    ]);
    await rt.settle();
    await onChild(rt, child, { type: 'ChangePlacement', placementInLaArea: false });
    await rt.settle();
    expect(rt.stepFunctions.list()).toHaveLength(1);

    await untilNextWake(rt);
    const reminder = (await rt.store.read(child)).find((e) => e.type === 'ObligationReminderSent');
    expect(reminder).toBeDefined();
    await rt.bus.put([
      { source: DOMAIN_EVENT_SOURCE, detailType: reminder!.type, detail: toPublished(reminder!) },
    ]);
    await rt.settle();
    expect(typesOf(await historyOf(rt, child)).filter((t) => t === 'ObligationReminderSent')).toHaveLength(1);
    expect((await outboxFor(rt, child)).map((n) => n.kind)).toEqual(['reminder']);
  });

  it('a restart of the local runtime mid-wait: the timer survives and fires once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'iv-restart-'));
    const tablePrefix = `t${ulid().toLowerCase()}-`;
    try {
      const first = await testRuntime({ dataDir, inMemory: false, tablePrefix, clockStartsAt: ENTERS_CARE });
      const child = await childEntersCare(first);
      await first.advance('10d');
      expect(first.stepFunctions.list()[0]?.resume?.wakeAt).toBe(REMIND_AT);
      await first.stop();

      runtime = await testRuntime({ dataDir, inMemory: false, tablePrefix, clockStartsAt: ENTERS_CARE });
      expect(runtime.clock.now().getTime()).toBeGreaterThan(ENTERS_CARE.getTime() + 10 * 86_400_000);
      await untilNextWake(runtime);
      await runtime.advance('1d');
      const history = await historyOf(runtime, child);
      expect(typesOf(history)).toEqual(['ChildEnteredCare', 'ObligationReminderSent']);
      expect((await outboxFor(runtime, child)).map((n) => n.kind)).toEqual(['reminder']);
      // The restarted poller carried on from its checkpoint: no second execution, nothing dead-lettered.
      expect(runtime.stepFunctions.list()).toHaveLength(1);
      expect(runtime.deadLetters()).toEqual([]);
    } finally {
      await runtime?.stop();
      runtime = undefined;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
