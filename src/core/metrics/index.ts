// `edgestar/metrics`: one Workers Analytics Engine data point per request.
export {
  cacheStatusOf,
  dataPointOf,
  limiterOf,
  type RequestMetric,
  type RequestMetricsOptions,
  requestMetrics,
} from './request-metrics'
