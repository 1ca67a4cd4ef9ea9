import { DeleteItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { childRow } from '../../../application/projections/child-row';
import { rebuild } from '../../../application/projections/rebuild';
import { volunteerRow } from '../../../application/projections/volunteer-row';
import { childrenBehind } from '../../../application/reports/child-list';
import { CHILD_FIGURES, matchWaitsIn, RETURN_CHILD_FIELDS } from '../../../application/reports/figures';
import { laReport, reportFigures } from '../../../application/reports/la-report';
import {
  CONVENTION_NAMES,
  nationalReturn,
  returnEntryOf,
  SUPPRESSED,
} from '../../../application/reports/national-return';
import { nationalReturnOf, reportRowsOf } from '../../../application/reports/reports';
import { quarterlyTrend } from '../../../application/reports/trends';
import type { RecordedEvent } from '../../../events/envelope';
import { Random, seedLa } from '../../../scripts/seed';
import { keyedFigures, nearestRankMedian, rawFigures, rawMatchWaits } from '../../support/raw-figures';
import { domainStore, readModels, testProjector } from '../../support/read-models';
import { localClient, testKeys } from '../../support/store';

/*
 * A generated population is projected, and every figure of every LA report is checked against the same figure
 * computed straight from the raw events: after projection, after duplicated and shuffled (and stale) deliveries,
 * and after the read models are wiped and rebuilt.
 */
const ASOF = '2026-03-31';
const NOW = new Date(`${ASOF}T22:00:00.000Z`);
const LAS = { E06000014: 220, W06000015: 110 } as const;
const VIEWS = [
  { from: '2025-04-01', to: '2026-03-31', asOf: '2026-03-31' },
  { from: '2024-10-01', to: '2025-09-30', asOf: '2025-09-30' },
];
const client = localClient();
const store = domainStore();
const models = readModels(client);
const project = testProjector(() => NOW, client);
const streamsByLa = new Map<string, RecordedEvent[][]>();

const rebuildAll = () => rebuild({ store, project, las: Object.keys(LAS), concurrency: 4 });

async function expectReportsMatchTheEvents() {
  for (const la of Object.keys(LAS)) {
    const [children, volunteers] = await Promise.all([
      models.childRowsOfLa(la),
      models.volunteerRowsOfLa(la),
    ]);
    for (const view of VIEWS) {
      const report = laReport(children, volunteers, la, view, view.asOf);
      const raw = rawFigures(streamsByLa.get(la)!, la, view.from, view.to, view.asOf);
      expect(Object.fromEntries(keyedFigures(reportFigures(report)))).toEqual(Object.fromEntries(raw));
    }
  }
}

beforeAll(async () => {
  for (const [la, children] of Object.entries(LAS)) {
    const seeded = await seedLa(client, inject('tables'), la, {
      children,
      seed: 'reports',
      asOf: ASOF,
      keys: testKeys(),
    });
    streamsByLa.set(la, await Promise.all(seeded.streamIds.map((id) => store.read(id))));
  }
  await rebuildAll();
}, 120_000);

describe('reports from a generated population', () => {
  it('has a population with every step of the journey in it', () => {
    const types = new Set([...streamsByLa.values()].flat(2).map((e) => e.type));
    for (const type of [
      'ChildEnteredCare',
      'IndependentVisitorOffered',
      'ChildDecisionRecorded',
      'ReferredToIvService',
      'VisitorMatched',
      'VisitRecorded',
      'RelationshipEnded',
      'ChildLeftCare',
      'ObligationReminderSent',
      'ObligationDeadlineMissed',
      'VolunteerApproved',
    ])
      expect(types).toContain(type);
  });

  it('gives every figure of each LA report as computed straight from the events, at two dates', async () => {
    await expectReportsMatchTheEvents();
  });

  it('adds the LAs up in the national return, suppressing only counts of 1 to 5 and what would reveal them', async () => {
    const view = VIEWS[0]!;
    const reports = [];
    for await (const { la, children, volunteers } of models.rowsByLa(Object.keys(LAS)))
      reports.push(returnEntryOf(children, volunteers, la, view));
    const national = nationalReturn(reports, view, view.asOf);
    const raw = Object.keys(LAS).map((la) =>
      rawFigures(streamsByLa.get(la)!, la, view.from, view.to, view.asOf),
    );
    const rawSum = (key: string) => raw.reduce((n, f) => n + ((f.get(key) as number) ?? 0), 0);
    expect(national.total.cells['looked after']).toBe(rawSum('children|lookedAfter|'));
    expect(national.countries.map((c) => c.cells['looked after'])).toEqual(
      raw.map((f) => f.get('children|lookedAfter|')),
    );
    for (const row of [...national.las, ...national.regions, ...national.countries, national.total])
      for (const cell of Object.values(row.cells))
        if (typeof cell === 'number') expect(cell === 0 || cell >= 6).toBe(true);
    for (const [i, la] of national.las.entries()) {
      const matched = raw[i]!.get('children|matched|') as number;
      expect(la.cells.matched).toBe(matched > 0 && matched < 6 ? SUPPRESSED : matched);
    }
  });

  it('pools the waits of every match for the countries and the total, never a median of medians', async () => {
    const view = VIEWS[0]!;
    const entries = [];
    for await (const { la, children, volunteers } of models.rowsByLa(Object.keys(LAS)))
      entries.push(returnEntryOf(children, volunteers, la, view));
    const national = nationalReturn(entries, view, view.asOf);
    const waitsOf = (la: string) => rawMatchWaits(streamsByLa.get(la)!, view.from, view.to);
    const all = Object.keys(LAS).flatMap(waitsOf);
    expect(all.length).toBeGreaterThanOrEqual(6);
    expect(national.total.medianWaitDays).toBe(nearestRankMedian(all));
    // Each country here is one LA; its median shows only when it rests on 6 matches or more.
    expect(national.countries.map((c) => c.medianWaitDays)).toEqual(
      Object.keys(LAS).map((la) => (waitsOf(la).length < 6 ? SUPPRESSED : nearestRankMedian(waitsOf(la)))),
    );
  });

  it('gives the same national return and LA reports from the packed fields as from whole rows', async () => {
    const whole = new Map<string, Awaited<ReturnType<typeof wholeRows>>>();
    const wholeRows = (la: string) => Promise.all([models.childRowsOfLa(la), models.volunteerRowsOfLa(la)]);
    for (const la of Object.keys(LAS)) whole.set(la, await wholeRows(la));
    const expectSameFigures = async () => {
      for (const view of VIEWS) {
        for (const convention of CONVENTION_NAMES) {
          const oneAtATime = [...whole].map(([la, [children, volunteers]]) => ({
            report: laReport(children, volunteers, la, view, view.to),
            matchWaits: matchWaitsIn(children, view),
          }));
          expect(await nationalReturnOf(models, Object.keys(LAS), view, convention)).toEqual(
            nationalReturn(oneAtATime, view, view.to, convention),
          );
        }
        for (const [la, [children, volunteers]] of whole) {
          const [packed, theirVolunteers] = await reportRowsOf(models, la);
          expect(laReport(packed, theirVolunteers, la, view, view.asOf)).toEqual(
            laReport(children, volunteers, la, view, view.asOf),
          );
        }
      }
    };
    await expectSameFigures();

    // The return reads only its own fields, every LA once, in the order asked for.
    const las = [];
    for await (const { la, children } of models.returnRowsByLa(Object.keys(LAS), 2)) {
      las.push(la);
      expect(children).toHaveLength(whole.get(la)![0].length);
      for (const row of children)
        expect(RETURN_CHILD_FIELDS).toEqual(expect.arrayContaining(Object.keys(row)));
    }
    expect(las).toEqual(Object.keys(LAS));

    // A row stored before the packed fields existed is read whole, and counts the same.
    const [oldRow] = whole.get('E06000014')![0];
    await client.send(
      new PutItemCommand({
        TableName: inject('tables').childSummary,
        Item: marshall(oldRow!, { removeUndefinedValues: true }),
      }),
    );
    await expectSameFigures();
    await models.putChildRow(oldRow!, { refresh: true });
  });

  it('lists exactly the children each figure counts, and gives the quarters of the trend as the events do', async () => {
    for (const la of Object.keys(LAS)) {
      const [children, volunteers] = await Promise.all([
        models.childRowsOfLa(la),
        models.volunteerRowsOfLa(la),
      ]);
      for (const view of VIEWS) {
        const raw = rawFigures(streamsByLa.get(la)!, la, view.from, view.to, view.asOf);
        for (const figure of CHILD_FIGURES)
          expect(childrenBehind(children, figure, view.asOf), figure).toHaveLength(
            raw.get(`children|${figure}|`) as number,
          );
        const waitingOutOfArea = childrenBehind(children, 'waiting', view.asOf, {
          dimension: 'placement',
          category: 'out of area',
        });
        expect(waitingOutOfArea).toHaveLength(
          (raw.get('breakdowns|waiting.placement|out of area') as number) ?? 0,
        );
      }
      // The oldest and the newest of the 8 quarters (each is the same report over its own dates).
      const trend = quarterlyTrend(children, volunteers, la, VIEWS[0]!.to);
      for (const quarter of [trend[0]!, trend.at(-1)!]) {
        const raw = rawFigures(streamsByLa.get(la)!, la, quarter.from, quarter.to, quarter.to);
        expect([
          quarter.lookedAfter,
          quarter.matched,
          quarter.waiting,
          quarter.referrals,
          quarter.matchesMade,
        ]).toEqual(
          ['lookedAfter', 'matched', 'waiting']
            .map((k) => raw.get(`children|${k}|`))
            .concat(['referrals', 'matchesMade'].map((k) => raw.get(`flows|${k}|`))),
        );
      }
    }
  });

  it('gives the same figures after duplicated, shuffled and stale deliveries', async () => {
    const rng = new Random('deliveries');
    const deliveries: Array<() => Promise<unknown>> = [];
    for (const streams of streamsByLa.values())
      for (const events of streams) {
        const streamId = events[0]!.streamId;
        deliveries.push(
          () => project(streamId),
          () => project(streamId),
        );
        // A delivery that read the stream when it was shorter, arriving after the newer one was written.
        const prefix = events.slice(0, rng.int(1, events.length));
        deliveries.push(() =>
          streamId.startsWith('child#')
            ? models.putChildRow(childRow(prefix, NOW)!)
            : models.putVolunteerRow(volunteerRow(prefix, NOW)!),
        );
      }
    for (let i = deliveries.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [deliveries[i], deliveries[j]] = [deliveries[j]!, deliveries[i]!];
    }
    for (let i = 0; i < deliveries.length; i += 8)
      await Promise.all(deliveries.slice(i, i + 8).map((d) => d()));
    await expectReportsMatchTheEvents();
  });

  it('gives the same figures after the read models are wiped and rebuilt', async () => {
    const tables = inject('readModelTables');
    for (const streams of streamsByLa.values())
      for (const events of streams) {
        const streamId = events[0]!.streamId;
        const table = streamId.startsWith('child#') ? tables.childSummary : tables.volunteerSummary;
        await client.send(new DeleteItemCommand({ TableName: table, Key: marshall({ streamId }) }));
      }
    expect(await models.childRowsOfLa('E06000014')).toEqual([]);
    const progress = await rebuildAll();
    const total = [...streamsByLa.values()].flat();
    expect(progress.streams).toBe(total.length);
    expect(progress.events).toBe(total.reduce((n, s) => n + s.length, 0));
    expect(progress.outcomes.written).toBe(total.length);
    await expectReportsMatchTheEvents();
  });
});
