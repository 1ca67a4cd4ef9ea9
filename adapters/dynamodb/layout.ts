/**
 * The names of the event store's keys and index: the one place both the CDK tables and the adapter read them from.
 */
export const EventsTableKeys = {
  partitionKey: 'streamId',
  sortKey: 'version',
  /** Set on version 1 of each stream only, so the index holds one small item per stream. */
  streamLa: 'streamLa',
  streamsByLaIndex: 'streamsByLa',
} as const;

export const CommandsTableKeys = {
  partitionKey: 'commandId',
} as const;

export interface EventStoreTables {
  events: string;
  commands: string;
}

/** DynamoDB allows 100 items in one transaction; one is the command record and each stream may need a head check. */
export const MAX_TRANSACTION_ITEMS = 100;
