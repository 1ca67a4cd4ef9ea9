import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { matchesPattern } from './event-pattern';
import { LOCAL_REGION, type LocalEventSourceMapping } from './resources';

export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | undefined>;

/**
 * Lambda's DynamoDB event source mapping, locally: reads the table's stream through DynamoDB Local's Streams API
 * and calls the same handler with the same batch shape, honouring the mapping's settings from the template (batch
 * size, filters, ReportBatchItemFailures, maximum retries, on-failure destination). Per shard, in order:
 * - a batch that succeeds moves the checkpoint past it; filtered-out records are skipped, as Lambda does;
 * - a reported failure (or a thrown error) moves the checkpoint to just before the first failed record and retries
 *   from there; after the mapping's maximum retries that record goes to the on-failure queue and the shard moves on.
 * Checkpoints are kept in a file when one is given, so a restart neither loses nor replays (much).
 */
export class StreamPoller {
  private checkpoints: Record<string, string> = {};
  private attempts = new Map<string, number>();
  private streamArn?: string;

  constructor(
    private readonly options: {
      dynamo: DynamoDBClient;
      streams: DynamoDBStreamsClient;
      tableName: string;
      mapping: LocalEventSourceMapping;
      handler: StreamHandler;
      onFailure: (records: DynamoDBRecord[], reason: string) => void;
      checkpointFile?: string;
    },
  ) {
    if (options.checkpointFile) {
      try {
        this.checkpoints = JSON.parse(readFileSync(options.checkpointFile, 'utf8'));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  }

  /** One pass over every shard; true when any batch was delivered (or is waiting to be retried). */
  async pump(skip = false): Promise<boolean> {
    this.streamArn ??= (
      await this.options.dynamo.send(new DescribeTableCommand({ TableName: this.options.tableName }))
    ).Table?.LatestStreamArn;
    if (!this.streamArn) throw new Error(`table ${this.options.tableName} has no stream`);
    let worked = false;
    let exclusiveStartShardId: string | undefined;
    do {
      const described = await this.options.streams.send(
        new DescribeStreamCommand({
          StreamArn: this.streamArn,
          ExclusiveStartShardId: exclusiveStartShardId,
        }),
      );
      for (const shard of described.StreamDescription?.Shards ?? []) {
        if (await this.pumpShard(shard.ShardId!, skip)) worked = true;
      }
      exclusiveStartShardId = described.StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    return worked;
  }

  /**
   * Moves every shard's checkpoint past the records already in the stream, without handling them: for a bulk load,
   * which is then announced once per stream instead of once per event.
   */
  async skipToEnd(): Promise<number> {
    let skipped = 0;
    while (await this.pump(true)) skipped++;
    return skipped;
  }

  private async pumpShard(shardId: string, skip = false): Promise<boolean> {
    const after = this.checkpoints[shardId];
    const iterator = await this.options.streams.send(
      new GetShardIteratorCommand({
        StreamArn: this.streamArn,
        ShardId: shardId,
        ShardIteratorType: after ? 'AFTER_SEQUENCE_NUMBER' : 'TRIM_HORIZON',
        SequenceNumber: after,
      }),
    );
    const page = await this.options.streams.send(
      // Skipping hands nothing to the function, so it moves by the most GetRecords returns, not by the batch size.
      new GetRecordsCommand({
        ShardIterator: iterator.ShardIterator,
        Limit: skip ? 1000 : this.options.mapping.batchSize,
      }),
    );
    const records = (page.Records ?? []).map((r) => toLambdaRecord(r, this.streamArn!));
    if (records.length === 0) return false;
    if (skip) {
      this.checkpoint(shardId, records.at(-1)!);
      return true;
    }

    const wanted = records.filter(
      (r) =>
        this.options.mapping.filterPatterns.length === 0 ||
        this.options.mapping.filterPatterns.some((pattern) => matchesPattern(pattern, r)),
    );
    if (wanted.length === 0) {
      this.checkpoint(shardId, records.at(-1)!);
      return true;
    }
    let firstFailed: string | undefined;
    let reason = 'reported as a batch item failure';
    try {
      const response = await this.options.handler({ Records: wanted });
      const failed = this.options.mapping.reportBatchItemFailures
        ? (response?.batchItemFailures ?? []).map((f) => f.itemIdentifier)
        : [];
      firstFailed = wanted.find((r) => failed.includes(r.dynamodb!.SequenceNumber!))?.dynamodb
        ?.SequenceNumber;
    } catch (error) {
      firstFailed = wanted[0]!.dynamodb!.SequenceNumber;
      reason = `the handler threw: ${(error as Error).message}`;
    }
    if (!firstFailed) {
      this.checkpoint(shardId, records.at(-1)!);
      return true;
    }
    // Retry from the first failed record; everything before it is done.
    const index = records.findIndex((r) => r.dynamodb!.SequenceNumber === firstFailed);
    if (index > 0) this.checkpoint(shardId, records[index - 1]!);
    const attempts = (this.attempts.get(firstFailed) ?? 0) + 1;
    this.attempts.set(firstFailed, attempts);
    const maxRetries = this.options.mapping.maxRetries;
    if (maxRetries >= 0 && attempts > maxRetries) {
      // Bisecting would isolate this one record; it goes to the on-failure queue and the shard moves past it.
      this.options.onFailure([records[index]!], reason);
      this.attempts.delete(firstFailed);
      this.checkpoint(shardId, records[index]!);
    }
    return true;
  }

  private checkpoint(shardId: string, record: DynamoDBRecord): void {
    this.checkpoints[shardId] = record.dynamodb!.SequenceNumber!;
    const file = this.options.checkpointFile;
    if (!file) return;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify(this.checkpoints));
    renameSync(`${file}.tmp`, file);
  }
}

/**
 * DynamoDB Local's Streams API writes an empty map attribute as `{}` where DynamoDB writes `{"M":{}}` (seen in its raw
 * GetRecords response), and `unmarshall` rejects a value with no type. An attribute value always has exactly one
 * type key, so an empty one can only be an empty map: give it its type back, at any depth.
 */
export function retypeEmptyMaps<T>(image: T): T {
  if (!image || typeof image !== 'object') return image;
  const fix = (value: Record<string, unknown>): Record<string, unknown> => {
    const keys = Object.keys(value);
    if (keys.length === 0) return { M: {} };
    if (value.M && typeof value.M === 'object') return { M: retypeEmptyMaps(value.M) };
    if (Array.isArray(value.L)) return { L: value.L.map((v) => fix(v as Record<string, unknown>)) };
    return value;
  };
  return Object.fromEntries(
    Object.entries(image).map(([k, v]) => [k, fix(v as Record<string, unknown>)]),
  ) as T;
}

/** The Streams API's record in the shape Lambda delivers (times in epoch seconds, the source ARN added). */
function toLambdaRecord(record: StreamRecord, streamArn: string): DynamoDBRecord {
  const d = record.dynamodb ?? {};
  return {
    eventID: record.eventID,
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion ?? LOCAL_REGION,
    eventSourceARN: streamArn,
    dynamodb: {
      ApproximateCreationDateTime: d.ApproximateCreationDateTime
        ? Math.floor(new Date(d.ApproximateCreationDateTime).getTime() / 1000)
        : undefined,
      Keys: d.Keys as never,
      NewImage: retypeEmptyMaps(d.NewImage) as never,
      OldImage: retypeEmptyMaps(d.OldImage) as never,
      SequenceNumber: d.SequenceNumber,
      SizeBytes: d.SizeBytes,
      StreamViewType: d.StreamViewType as never,
    },
  };
}
