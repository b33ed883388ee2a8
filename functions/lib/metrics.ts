import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { lazy } from '../../shared/lazy.ts';
import { type BusinessMetric, metricsNamespace } from '../../shared/operations.ts';

/**
 * Business metrics in CloudWatch's embedded metric format: lines in the function's log, no API
 * calls. Made on first use, not at import (scripts import these modules too, outside any
 * invocation). Each function flushes them at the end of an invocation (observability.ts).
 */
export const metrics: () => Metrics = lazy(
  () => new Metrics({ namespace: metricsNamespace, serviceName: 'venner' }),
);

/** Counts one business event (or `value` of them). */
export const countEvent = (name: BusinessMetric, value = 1) =>
  metrics().addMetric(name, MetricUnit.Count, value);

/** A figure that is not a count (an age in seconds). */
export const recordFigure = (
  name: BusinessMetric,
  unit: (typeof MetricUnit)[keyof typeof MetricUnit],
  value: number,
) => metrics().addMetric(name, unit, value);

export { MetricUnit };
