import { paginateScan } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiHandler } from '../../../adapters/api/app';
import { StaticStaffDirectory } from '../../../adapters/directory/static-directory';
import type { Principal } from '../../../application/access';
import type { Bus } from '../../../application/ports/bus';
import type { Log } from '../../../application/ports/log';
import { addDays, londonDateOf } from '../../../domain/calendar';
import { catalog } from '../../../events/contracts';
import type { RecordedEvent } from '../../../events/envelope';
import { personalValues, REASON_FIELD } from '../../../events/personal-fields';
import { buildApp } from '../../../functions/composition';
import type { LocalRuntime } from '../../../infra/local/runtime';
import { seedLa } from '../../../scripts/seed';
import { apiEvent, TEST_SECRET } from '../../support/http';
import { LA, testRuntime } from '../../support/local-runtime';

/*
 * The local system running as a whole, scanned for personal data where none may be. The children and volunteers are
 * made up; their made-up names are given in the name fields and in free text (the child's own words, staff's reasons), where names can
 * appear until records have name fields, and every value of every field declared personal is scanned for as well.
 */
let runtime: LocalRuntime | undefined;
const start = async (options: Parameters<typeof testRuntime>[0]) => {
  runtime = await testRuntime(options);
  return runtime;
};
afterEach(async () => {
  vi.restoreAllMocks();
  await runtime?.stop();
  runtime = undefined;
});

const person = (id: string, role: Principal['role']): Principal => ({ id, name: id, role, la: LA });
const coordinator = person('coordinator-1', 'coordinator');
const manager = person('manager-1', 'manager');

function apiOver(rt: LocalRuntime) {
  const app = buildApp({
    client: rt.dynamo,
    tables: rt.tables,
    now: () => rt.clock.now(),
    keys: rt.keys,
    // The child's social worker and IRO are chosen from the LA's staff: made up, and named, so the scan looks for them.
    staff: new StaticStaffDirectory([
      { id: 'sw-scan', name: 'Dorcas Pengelly', role: 'social-worker', la: LA },
      { id: 'iro-scan', name: 'Ambrose Tilling', role: 'iro', la: LA },
    ]),
  });
  const api = createApiHandler(app, { localSessionSecret: TEST_SECRET });
  return async (path: string, body: object = {}, as = coordinator) => {
    const r = await api(apiEvent('POST', path, { as, body }));
    expect(r.statusCode, r.body).toBeLessThan(300);
    return String(r.headers?.['content-type']).startsWith('text/html')
      ? { html: r.body }
      : JSON.parse(r.body || '{}');
  };
}

/** Every personal value of a stream as the system reads it: each declared field given, and each reason. */
function personalOf(events: readonly RecordedEvent[]): string[] {
  return events.flatMap((e) =>
    personalValues({ data: e.data, metadata: e.metadata }, [
      ...catalog.personalFields(e.type, e.schemaVersion).map((f) => ({ ...f, path: ['data', ...f.path] })),
      REASON_FIELD,
    ]).flatMap(({ value }) => (Array.isArray(value) ? value.map(String) : [String(value)])),
  );
}

async function rawItems(rt: LocalRuntime) {
  const items: Array<{ streamId: string; data: unknown; metadata: { reason?: string } }> = [];
  for await (const page of paginateScan({ client: rt.dynamo }, { TableName: rt.tables.events }))
    for (const item of page.Items ?? []) items.push(unmarshall(item) as never);
  return items;
}

async function approvedVolunteer(post: ReturnType<typeof apiOver>, today: string, name: string) {
  const { volunteerId } = await post('/api/volunteers', { name, reason: `Application from ${name}` });
  for (const [slug, body] of [
    [
      'reference',
      { referenceId: 'ref-1', satisfactory: true, reason: `Reference for ${name} by her neighbour` },
    ],
    ['reference', { referenceId: 'ref-2', satisfactory: true }],
    [
      'dbs-check',
      {
        level: 'enhanced-with-childrens-barred-list',
        certificateNumber: '009988776655',
        issuedOn: addDays(today, -20),
        updateServiceSubscribed: false,
      },
    ],
    ['training', { course: 'iv-induction' }],
    [
      'independence',
      {
        wordingVersion: '2026-01',
        electedMemberOfLa: false,
        employeeOfLa: false,
        relativeOrHouseholdMemberOfEither: false,
      },
    ],
    ['approval', {}],
  ] as const)
    await post(`/api/volunteers/${volunteerId}/${slug}`, body);
  return volunteerId as string;
}

async function childToMatch(post: ReturnType<typeof apiOver>, name: string, dateOfBirth: string) {
  const [firstNames, lastName] = name.split(' ') as [string, string];
  const { childId } = await post('/api/children', {
    firstNames,
    lastName,
    dateOfBirth,
    sex: 'female',
    ethnicity: 'WBRI',
    unaccompaniedAsylumSeeking: false,
    placementInLaArea: false,
    socialWorkerRef: 'sw-scan',
    iroRef: 'iro-scan',
    reason: `From ${name}'s referral form`,
  });
  await post(`/api/children/${childId}/offer`);
  await post(`/api/children/${childId}/decision`, {
    decision: 'accepted',
    sufficientUnderstanding: true,
    childsWords: `My name is ${name}; I want someone who can sign with me`,
  });
  await post(`/api/children/${childId}/referral`, {
    needs: ['hearing-loop-needed'],
    interests: ['climbing'],
    preferences: ['female-visitor-only'],
  });
  return childId as string;
}

describe('the local system, scanned for personal data', { timeout: 240_000 }, () => {
  it('holds no plaintext name, nor any other personal value, anywhere in its raw events table', async () => {
    const rt = await start({ clockStartsAt: new Date('2026-03-02T10:00:00.000Z') });
    const today = londonDateOf(rt.clock.now());
    const seeded = await seedLa(rt.dynamo, rt.tables, LA, {
      children: 30,
      seed: 'scan',
      asOf: today,
      keys: rt.keys,
    });
    await rt.skipStreamBacklog();
    await rt.announceHeads(seeded.streamIds);
    const post = apiOver(rt);
    const names = ['Peregrine Oduya', 'Lowenna Trask', 'Anwen Ferriby', 'Cosimo Halloran'];
    const volunteer = await approvedVolunteer(post, today, names[3]!);
    const children = [
      await childToMatch(post, names[0]!, '2012-09-23'),
      await childToMatch(post, names[1]!, '2014-01-30'),
      await childToMatch(post, names[2]!, '2010-11-05'),
    ];
    await post(`/api/children/${children[0]}/match`, { volunteerId: volunteer });
    await rt.settle();

    const items = await rawItems(rt);
    const streams = new Set(items.map((i) => i.streamId));
    expect(streams.size).toBeGreaterThan(15);
    const stored = (i: (typeof items)[number]) => JSON.stringify([i.data, i.metadata.reason]);
    const everything = items.map(stored).join('\n');
    for (const name of names) expect(everything).not.toContain(name);
    // Every personal value of each record, looked for in that record's own items (long enough to mean something).
    let scanned = 0;
    for (const streamId of streams) {
      const own = items
        .filter((i) => i.streamId === streamId)
        .map(stored)
        .join('\n');
      for (const value of personalOf(await rt.store.read(streamId)).filter((v) => v.length >= 6)) {
        expect(own, `${streamId}: ${value}`).not.toContain(value);
        scanned++;
      }
    }
    expect(scanned).toBeGreaterThan(30);
  });

  it('puts no personal value in logs, bus payloads, state machine inputs and history, or the outbox, end to end', async () => {
    const lines: unknown[] = [];
    const log: Log = {
      info: (message, fields) => lines.push({ message, fields }),
      warn: (message, fields) => lines.push({ message, fields }),
      error: (message, fields) => lines.push({ message, fields }),
    };
    const console_: unknown[] = [];
    for (const method of ['log', 'info', 'warn', 'error'] as const)
      vi.spyOn(console, method).mockImplementation((...args) => void console_.push(args));
    const onTheBus: unknown[] = [];
    const tasks: unknown[] = [];
    const rt = await start({
      clockStartsAt: new Date('2026-03-02T10:00:00.000Z'),
      log,
      wrapBus: (bus: Bus) => ({
        put: (entries) => {
          onTheBus.push(...entries);
          return bus.put(entries);
        },
      }),
      // Every Task state's input and result: what an execution's history holds besides the state names.
      wrap: {
        DeadlineTasks: (handler) => async (input) => {
          const output = await handler(input);
          tasks.push({ input, output });
          return output;
        },
      },
    });
    const today = londonDateOf(rt.clock.now());
    const post = apiOver(rt);
    const child = await childToMatch(post, 'Marisol Penhallow', '2012-09-23');
    const volunteer = await approvedVolunteer(post, today, 'Bartholomew Achebe');
    await post(`/api/children/${child}/match`, { volunteerId: volunteer });
    await post(`/api/children/${child}/visit`, {
      outcome: 'held',
      mode: 'in-person',
      durationMinutes: 90,
      reason: 'Marisol Penhallow and Bartholomew Achebe went climbing',
    });
    await rt.settle();
    await rt.advance('70d'); // visits lapse, a match review falls due: reminders, misses, escalations, emails
    const copy = await post(
      `/api/children/${child}/personal-data/subject-access`,
      { reference: 'SAR-9' },
      manager,
    );
    expect(copy.html).toContain('Marisol Penhallow');
    await post(
      `/api/children/${child}/personal-data/erase`,
      { basis: 'erasure-request', reason: 'Request ERQ-9', confirm: true },
      manager,
    );
    await rt.settle();

    const outbox = await rt.outbox.list();
    expect(outbox.length).toBeGreaterThan(0);
    expect(tasks.length).toBeGreaterThan(3);
    const outputs = {
      logs: lines,
      console: console_,
      bus: [...onTheBus, ...rt.bus.history()],
      stateMachines: rt.stepFunctions.list(),
      tasks,
      outbox,
    };
    const values = [
      'Marisol Penhallow',
      'Bartholomew Achebe',
      'Marisol',
      'Penhallow',
      'Achebe',
      'someone who can sign',
      '2012-09-23',
      'WBRI',
      'hearing-loop-needed',
      'female-visitor-only',
      '009988776655',
      'went climbing',
      'referral form',
    ];
    for (const [where, output] of Object.entries(outputs)) {
      const text = JSON.stringify(output);
      // Every output but the console (which nothing may write to) had something in it to scan.
      if (where !== 'console') expect(text.length, where).toBeGreaterThan(2);
      for (const value of values) expect(text, `${value} in ${where}`).not.toContain(value);
    }
  });
});
