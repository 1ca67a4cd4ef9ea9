import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { EventBridgeBus } from '../shared/bus';
import { lambdaLog } from '../shared/log';
import { observability, observed } from '../shared/observability';
import { createPublisher } from './publish';

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
