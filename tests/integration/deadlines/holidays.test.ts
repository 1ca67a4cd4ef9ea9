import { afterEach, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../infra/local/runtime';
import { childEntersCare, historyOf, testRuntime, typesOf, untilNextWake } from '../../support/local-runtime';

/**
 * Due dates across bank holidays, through the whole flow: the obligation the starter computes, the instant the
 * workflow wakes, and the miss recorded no earlier than the end of the due day (London time, GMT or BST).
 * Each expected date below was counted by hand from the England and Wales bank holiday list.
 */
let runtime: LocalRuntime | undefined;
afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
});

const cases = [
  {
    name: 'Christmas and New Year: 19 Dec 2025 + 20 working days skips 25, 26 Dec and 1 Jan',
    entersCare: '2025-12-19T10:00:00.000Z',
    remindAt: '2026-01-14T09:00:00.000Z', // Wed 14 Jan, 5 working days before
    dueAt: '2026-01-22T00:00:00.000Z', // end of Wed 21 Jan (GMT)
  },
  {
    name: 'Easter: 20 Mar 2026 + 20 working days skips Good Friday 3 Apr and Easter Monday 6 Apr',
    entersCare: '2026-03-20T10:00:00.000Z',
    remindAt: '2026-04-14T08:00:00.000Z', // Tue 14 Apr, 09:00 BST
    dueAt: '2026-04-21T23:00:00.000Z', // end of Tue 21 Apr (BST)
  },
  {
    name: 'a substitute bank holiday: Boxing Day 2026 is a Saturday, so Monday 28 Dec is off as well',
    entersCare: '2026-12-10T10:00:00.000Z',
    remindAt: '2027-01-05T09:00:00.000Z', // Tue 5 Jan 2027
    dueAt: '2027-01-13T00:00:00.000Z', // end of Tue 12 Jan 2027: 25 Dec, 28 Dec and 1 Jan skipped
  },
];

describe('first-review deadlines across bank holidays, run through the local workflow', () => {
  it.each(cases)('$name', async ({ entersCare, remindAt, dueAt }) => {
    runtime = await testRuntime({ clockStartsAt: new Date(entersCare) });
    const child = await childEntersCare(runtime);
    await runtime.settle();
    expect(runtime.stepFunctions.list()[0]?.input).toMatchObject({ obligation: { remindAt, dueAt } });

    expect((await untilNextWake(runtime)).toISOString()).toBe(remindAt);
    // A minute before the end of the due day the deadline is not yet missed.
    runtime.clock.setTo(new Date(Date.parse(dueAt) - 60_000));
    await runtime.settle();
    expect(typesOf(await historyOf(runtime, child))).toEqual(['ChildEnteredCare', 'ObligationReminderSent']);

    expect((await untilNextWake(runtime)).toISOString()).toBe(dueAt);
    const missed = (await historyOf(runtime, child)).at(-1)!;
    expect(missed.type).toBe('ObligationDeadlineMissed');
    expect(missed.recordedAt >= dueAt).toBe(true);
  });
});
