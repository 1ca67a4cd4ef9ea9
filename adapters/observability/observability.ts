import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { METRICS_NAMESPACE } from './metrics';

export interface Observability {
  logger: Logger;
  metrics: Metrics;
  tracer: Tracer;
}

/** One logger, metrics and tracer per function, created once per container. */
export function observability(serviceName: string): Observability {
  return {
    logger: new Logger({ serviceName }),
    metrics: new Metrics({
      serviceName,
      namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? METRICS_NAMESPACE,
    }),
    tracer: new Tracer({ serviceName }),
  };
}

/**
 * A handler wrapped in middy with Powertools: structured logs carrying the request id, a cold-start metric, and an
 * X-Ray segment per invocation. Events and responses are NEVER logged or attached to traces: they carry children's
 * records (request bodies, rendered pages), and logs and traces are not the place for personal data.
 */
export function observed<TEvent, TResult>(
  tools: Observability,
  handler: (event: TEvent, context: Context) => Promise<TResult>,
) {
  return middy<TEvent, TResult>()
    .use(captureLambdaHandler(tools.tracer, { captureResponse: false }))
    .use(injectLambdaContext(tools.logger, { logEvent: false, resetKeys: true }))
    .use(logMetrics(tools.metrics, { captureColdStartMetric: true }))
    .handler(handler);
}
