import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { EventBridgeBus } from '../../adapters/eventbridge/bus';
import { lambdaLog } from '../../adapters/observability/log';
import { observability, observed } from '../../adapters/observability/observability';
import { publisherOf } from '../composition';
import { setting } from '../environment';

/** The events table's stream -> the domain bus. The bus is named by the messaging stack. */
const tools = observability('publisher');
export const handler = observed(
  tools,
  publisherOf(
    lambdaLog('publisher', tools.logger),
    new EventBridgeBus(new EventBridgeClient({}), setting(process.env, 'eventBusName')),
  ),
);
