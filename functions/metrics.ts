/**
 * One metrics writer (AWS Lambda Powertools) for the handlers that publish metrics: the notifier and
 * the sweeper, through the `logMetrics` middy middleware. The API and the rules step publish none, so
 * they do not load it (11 KiB and its set-up at every cold start).
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger, METRICS_NAMESPACE, SERVICE_NAME } from './observability';

export { MetricUnit };

/**
 * Powertools warns on every invocation that published no metric; for a notifier batch or a sweep with
 * nothing to report that is the normal case, so it is logged at debug level. Other warnings stay.
 */
const metricsLogger = {
  debug: logger.debug.bind(logger),
  info: logger.info.bind(logger),
  error: logger.error.bind(logger),
  warn: (message: string) =>
    String(message).startsWith('No application metrics to publish') ? logger.debug(message) : logger.warn(message),
};

export const metrics = new Metrics({ serviceName: SERVICE_NAME, namespace: METRICS_NAMESPACE, logger: metricsLogger });
