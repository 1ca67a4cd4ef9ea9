import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { EventBridgeBus } from '../shared/bus';
import { lambdaLog } from '../shared/log';
import { createPublisher } from './publish';

/** The events table's stream -> the domain bus. EVENT_BUS_NAME is set by the messaging stack. */
export const handler = createPublisher({
  bus: new EventBridgeBus(new EventBridgeClient({}), process.env.EVENT_BUS_NAME!),
  log: lambdaLog('publisher'),
});
