import { parseArgs } from 'node:util';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { ulid } from 'ulid';
import { DynamoEventStore } from '../adapters/dynamodb/event-store';
import { EventsTableKeys } from '../adapters/dynamodb/layout';
import { runCommand } from '../application/command';
import { CHILD } from '../application/records';
import type { ChildCommand } from '../domain/child';
import { catalog } from '../events/contracts';
import { type Actor, GENESIS_HASH } from '../events/envelope';
import { hashEvent } from '../events/hash';
import { childStreamId } from '../events/stream-id';
import { connect, keyringOf } from './audit-connection';

/**
 * Writes one synthetic child's journey (made-up data, no real person) into the local system, so an auditor has a
 * record to replay. The first event is written as the system wrote it before schema version 2 of ChildEnteredCare,
 * so the history shows an event both as stored and as upcast; every later event goes through the child's decider
 * and the event store, on a clock that steps a few days per command so that "as of a date" has something to show.
 */
const { values: opts } = parseArgs({
  options: {
    local: { type: 'boolean', default: true },
    endpoint: { type: 'string' },
    la: { type: 'string', default: 'E08000035' },
    start: { type: 'string', default: '2026-01-05T09:30:00.000Z' },
  },
});

const connection = await connect(opts);
try {
  const childId = ulid();
  const streamId = childStreamId(childId);
  const la = opts.la;
  const coordinator: Actor = { id: 'user-coordinator-demo', role: 'coordinator', la };
  const iro: Actor = { id: 'user-iro-demo', role: 'iro', la };
  let clock = Date.parse(opts.start);
  const now = () => new Date(clock);
  const personalData = keyringOf(connection)!;
  const store = new DynamoEventStore({
    client: connection.client,
    tables: { events: connection.tables.events, commands: connection.tables.commands! },
    catalog,
    now,
    personalData,
  });

  const first = {
    streamId,
    version: 1,
    la,
    type: 'ChildEnteredCare',
    schemaVersion: 1,
    data: {
      childId,
      la,
      dateOfBirth: '2014-06-21',
      sex: 'female',
      ethnicity: 'WBRI',
      unaccompaniedAsylumSeeking: false,
      placementInLaArea: false,
      socialWorkerRef: 'sw-demo-1',
      iroRef: 'iro-demo-1',
    },
    metadata: {
      eventId: ulid(clock),
      occurredAt: now().toISOString(),
      recordedAt: now().toISOString(),
      actor: coordinator,
      reason: 'child placed by the emergency duty team',
      correlationId: `enter-${childId}`,
      causationId: `enter-${childId}`,
      commandId: `enter-${childId}`,
    },
    prevHash: GENESIS_HASH,
  };
  catalog.upcast(first.type, first.schemaVersion, first.data);
  // Sealed as the store would have sealed it: the date of birth, the ethnicity and the reason with the child's key.
  const sealed = (await personalData.sealerFor(streamId))(first);
  await connection.client.send(
    new PutItemCommand({
      TableName: connection.tables.events,
      Item: marshall({ ...sealed, hash: hashEvent(sealed), [EventsTableKeys.streamLa]: la }),
      ConditionExpression: 'attribute_not_exists(streamId)',
    }),
  );

  const steps: Array<{ days: number; actor: Actor; reason?: string; command: ChildCommand }> = [
    { days: 2, actor: coordinator, command: { type: 'RecordChildTold' } },
    { days: 3, actor: coordinator, command: { type: 'OfferIndependentVisitor' } },
    {
      days: 4,
      actor: coordinator,
      reason: 'decision given to the social worker at a home visit',
      command: { type: 'RecordChildDecision', decision: 'accepted', sufficientUnderstanding: true },
    },
    {
      days: 2,
      actor: coordinator,
      command: {
        type: 'ReferToIvService',
        needs: [],
        interests: ['drawing', 'football'],
        preferences: ['female'],
      },
    },
    {
      days: 15,
      actor: iro,
      command: { type: 'RecordReview', ivConsidered: true, outcome: 'referral-in-progress' },
    },
  ];
  for (const step of steps) {
    clock += step.days * 86_400_000;
    const commandId = ulid(clock);
    await runCommand({
      store,
      kind: CHILD,
      id: childId,
      la,
      command: step.command,
      context: { now, actor: step.actor, reason: step.reason },
      info: { commandId, actor: step.actor, reason: step.reason, correlationId: `journey-${childId}` },
    });
  }
  console.log(
    `Generated ${streamId} (LA ${la}): ${steps.length + 1} events, ${opts.start} to ${now().toISOString()}`,
  );
} finally {
  await connection.close();
}
