/**
 * The access log's keys and index: the one place the CDK table and the adapter read them from. One item per view,
 * partitioned by the record viewed (`child#…`), sorted by a gapless sequence number that the hash chain covers.
 */
export const AccessLogTableKeys = {
  partitionKey: 'recordId',
  sortKey: 'seq',
  /** Set on the first view of each record only, so the index holds one small item per record viewed. */
  recordLa: 'recordLa',
  recordsByLaIndex: 'recordsByLa',
} as const;
