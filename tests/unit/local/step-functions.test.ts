import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DeadlineStage } from '../../../application/deadlines/obligations';
import {
  type DeadlineInput,
  executionNameFor,
  type WorkflowObligation,
} from '../../../application/deadlines/plan';
import { createDeadlineTasks } from '../../../application/deadlines/tasks';
import { quietLog } from '../../../application/ports/log';
import { ControllableClock } from '../../../infra/local/clock';
import { stateMachines, type Templates } from '../../../infra/local/resources';
import { LocalStepFunctions } from '../../../infra/local/step-functions';
import { synthesizeTemplates } from '../../../infra/local/template';

/** The synthesized deadline ASL run by the local runner, with the workflow's steps over a fake stream. */
const templates = synthesizeTemplates() as Templates;
const machine = stateMachines(templates).find((m) => m.logicalId.startsWith('Deadline'))!;
const dir = mkdtempSync(join(tmpdir(), 'sfn-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const T0 = Date.parse('2026-01-05T09:00:00.000Z');
const DAY = 86_400_000;

function world(folder?: string, clock = new ControllableClock({ realNow: () => T0 })) {
  const open = new Set<string>();
  const recorded: Array<[DeadlineStage, number | undefined]> = [];
  const tasks = createDeadlineTasks({
    clock,
    log: quietLog,
    isOpen: async (o) => open.has(o.id),
    record: async (stage, _o, n) => {
      recorded.push([stage, n]);
      return { eventIds: [`${stage}-${n ?? 0}`] };
    },
  });
  const runner = new LocalStepFunctions({
    machines: [machine],
    clock,
    folder,
    invoke: async (id, payload) => {
      expect(id).toMatch(/^DeadlineTasks/);
      return tasks(payload as never);
    },
  });
  const step = async (duration?: string) => {
    if (duration) clock.advance(duration);
    await runner.settle();
  };
  return { clock, open, recorded, runner, step };
}

const obligation = (overrides: Partial<WorkflowObligation> = {}): WorkflowObligation => ({
  id: `offer-iv-by-first-review:child#${Math.random().toString(36).slice(2)}`,
  kind: 'offer-iv-by-first-review',
  streamId: 'child#c1',
  la: 'E08000035',
  remindAt: new Date(T0 + 10 * DAY).toISOString(),
  dueAt: new Date(T0 + 15 * DAY).toISOString(),
  escalateEveryDays: 7,
  ...overrides,
});
const start = (w: ReturnType<typeof world>, o: WorkflowObligation) => {
  const input: DeadlineInput = {
    obligation: o,
    phase: 'reminder',
    escalationsDone: 0,
    startedAt: w.clock.now().toISOString(),
  };
  return w.runner.startExecution({ stateMachineArn: machine.arn, name: executionNameFor(o.id), input });
};

describe('the deadline state machine, run locally from the synthesized ASL', () => {
  it('reminds, records the miss, escalates on the cadence, and stops once the obligation is met', async () => {
    const w = world();
    const o = obligation();
    w.open.add(o.id);
    const { executionArn } = start(w, o);
    await w.step();
    expect(w.runner.describe(executionArn)).toMatchObject({
      status: 'RUNNING',
      resume: { startAt: 'CheckBeforeReminder', wakeAt: o.remindAt },
    });
    await w.step('9d');
    expect(w.recorded).toEqual([]);
    await w.step('1d');
    expect(w.recorded).toEqual([['reminder', undefined]]);
    await w.step('5d');
    expect(w.recorded).toEqual([
      ['reminder', undefined],
      ['missed', undefined],
    ]);
    await w.step('7d');
    await w.step('7d');
    expect(w.recorded.slice(2)).toEqual([
      ['escalation', 1],
      ['escalation', 2],
    ]);
    w.open.delete(o.id);
    await w.step('7d');
    expect(w.recorded).toHaveLength(4);
    expect(w.runner.describe(executionArn)?.status).toBe('SUCCEEDED');
    expect(w.runner.describe(executionArn)?.history.at(-1)?.state).toBe('ObligationClosed');
  });

  it('ends quietly, with no reminder, when the obligation is gone before the reminder', async () => {
    const w = world();
    const o = obligation();
    start(w, o);
    await w.step('10d');
    expect(w.recorded).toEqual([]);
    expect(w.runner.list({ status: 'SUCCEEDED' })).toHaveLength(1);
  });

  it('treats a second start of the same obligation as harmless', async () => {
    const w = world();
    const o = obligation();
    w.open.add(o.id);
    const first = start(w, o);
    const again = start(w, o);
    expect(again).toMatchObject({ executionArn: first.executionArn, alreadyRunning: true });
    await w.step('10d');
    expect(w.recorded).toEqual([['reminder', undefined]]);
    expect(w.runner.list()).toHaveLength(1);
  });

  it('has saved an execution by the time its start is acknowledged, so a kill at once loses nothing (finding 1)', async () => {
    const folder = join(dir, 'killed');
    const first = world(folder);
    const o = obligation();
    start(first, o);
    // A second runner over the same folder, in the same tick: what a restart after kill -9 would read.
    const afterKill = world(folder);
    expect(afterKill.runner.list()).toMatchObject([{ name: executionNameFor(o.id), status: 'RUNNING' }]);
    await first.runner.idle();
    expect(world(folder).runner.list()[0]?.resume?.wakeAt).toBe(o.remindAt);
  });

  it('keeps waiting executions across a restart of the runner, and carries on where it was', async () => {
    const file = join(dir, 'restart');
    const first = world(file);
    const o = obligation();
    first.open.add(o.id);
    start(first, o);
    await first.step('10d');
    expect(first.recorded).toEqual([['reminder', undefined]]);
    await first.runner.stop();

    const clock = new ControllableClock({ realNow: () => T0 });
    clock.advance(10 * DAY);
    const second = world(file, clock);
    second.open.add(o.id);
    await second.step('5d');
    expect(second.recorded).toEqual([['missed', undefined]]);
    expect(second.runner.list({ status: 'RUNNING' })[0]?.resume?.startAt).toBe('CheckBeforeEscalation');
  });

  it('retries a step that throws, then carries on without repeating the steps before it', async () => {
    const clock = new ControllableClock({ realNow: () => T0 });
    let failures = 2;
    const recorded: string[] = [];
    const tasks = createDeadlineTasks({
      clock,
      log: quietLog,
      isOpen: async () => true,
      record: async (stage) => {
        if (failures-- > 0) throw new Error('DynamoDB was unavailable');
        recorded.push(stage);
        return { eventIds: ['e1'] };
      },
    });
    const runner = new LocalStepFunctions({
      machines: [machine],
      clock,
      invoke: async (_id, p) => tasks(p as never),
    });
    const o = obligation();
    runner.startExecution({
      stateMachineArn: machine.arn,
      name: executionNameFor(o.id),
      input: { obligation: o, phase: 'reminder', escalationsDone: 0, startedAt: clock.now().toISOString() },
    });
    await runner.settle();
    clock.advance('10d');
    await runner.settle();
    expect(recorded).toEqual(['reminder']);
    const history = runner.list()[0]!.history.map((h) => h.state);
    expect(history.filter((s) => s === 'RecordReminder')).toHaveLength(1);
  });

  it('fails the execution, visibly, when a step keeps throwing past its retries', async () => {
    const clock = new ControllableClock({ realNow: () => T0 });
    const failed: string[] = [];
    const runner = new LocalStepFunctions({
      machines: [machine],
      clock,
      onFailed: (e) => failed.push(e.name),
      invoke: async () => {
        throw new Error('always broken');
      },
    });
    const o = obligation();
    runner.startExecution({
      stateMachineArn: machine.arn,
      name: executionNameFor(o.id),
      input: { obligation: o, phase: 'reminder', escalationsDone: 0, startedAt: clock.now().toISOString() },
    });
    await runner.idle();
    expect(runner.list()[0]).toMatchObject({ status: 'FAILED' });
    expect(failed).toEqual([executionNameFor(o.id)]);
  });

  it('continues as a new execution rather than pass one year', async () => {
    const w = world();
    const o = obligation({
      remindAt: new Date(T0 + 400 * DAY).toISOString(),
      dueAt: new Date(T0 + 410 * DAY).toISOString(),
    });
    w.open.add(o.id);
    const first = start(w, o);
    await w.step();
    expect(w.runner.describe(first.executionArn)?.resume?.startAt).toBe('ContinueAsNewExecution');
    await w.step('360d');
    expect(w.runner.describe(first.executionArn)?.status).toBe('SUCCEEDED');
    const [next] = w.runner.list({ status: 'RUNNING' });
    expect(next!.name).toMatch(new RegExp(`^${executionNameFor(o.id)}--r`));
    expect(next!.resume).toMatchObject({ startAt: 'CheckBeforeReminder', wakeAt: o.remindAt });
    await w.step('40d');
    expect(w.recorded).toEqual([['reminder', undefined]]);
  });
});
