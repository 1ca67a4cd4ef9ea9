import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { createPublisher } from '../../adapters/dynamodb/stream-publisher';
import { EventBridgeBus } from '../../adapters/eventbridge/bus';
import { lambdaLog } from '../../adapters/observability/log';
import { observability, observed } from '../../adapters/observability/observability';

/** The events table's stream -> the domain bus. EVENT_BUS_NAME is set by the messaging stack. */
const tools = observability('publisher');
export const handler = observed(
  tools,
  createPublisher({
    bus: new EventBridgeBus(
      tools.tracer.captureAWSv3Client(new EventBridgeClient({})),
      process.env.EVENT_BUS_NAME!,
    ),
    log: lambdaLog('publisher', tools.logger),
  }),
);
