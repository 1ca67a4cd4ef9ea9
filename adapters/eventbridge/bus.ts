import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { type Bus, type BusEntry, MAX_ENTRIES_PER_PUT, type PutOutcome } from '../../application/ports/bus';

/** The bus in AWS: one PutEvents call per at most ten entries. */
export class EventBridgeBus implements Bus {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
  ) {}

  async put(entries: readonly BusEntry[]): Promise<PutOutcome[]> {
    if (entries.length > MAX_ENTRIES_PER_PUT)
      throw new Error(`at most ${MAX_ENTRIES_PER_PUT} entries per put`);
    const response = await this.client.send(
      new PutEventsCommand({
        Entries: entries.map((entry) => ({
          EventBusName: this.busName,
          Source: entry.source,
          DetailType: entry.detailType,
          Detail: JSON.stringify(entry.detail),
          Time: entry.time,
        })),
      }),
    );
    // Entries come back in request order; a failed one has an ErrorCode and no EventId.
    return entries.map((_, i) => {
      const result = response.Entries?.[i];
      if (!result) return { ok: false, errorCode: 'MissingResult' };
      return result.ErrorCode
        ? { ok: false, errorCode: result.ErrorCode, errorMessage: result.ErrorMessage }
        : { ok: true };
    });
  }
}
