import { Logger } from '@aws-lambda-powertools/logger';
import type { Log } from '../../application/ports/log';

/** Structured JSON logs in Lambda, with the service name CloudWatch queries filter on. */
export function lambdaLog(serviceName: string, logger = new Logger({ serviceName })): Log {
  return {
    info: (message, fields) => logger.info(message, fields ?? {}),
    warn: (message, fields) => logger.warn(message, fields ?? {}),
    error: (message, fields) => logger.error(message, fields ?? {}),
  };
}
