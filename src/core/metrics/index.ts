// `edgestar/metrics`: one Workers Analytics Engine data point per request.
export {
  cacheStatusOf,
  dataPointOf,
  limiterOf,
  type RequestMetric,
  type RequestMetricsOptions,
  requestMetrics,
} from './request-metrics'

declare module '../index' {
  interface EnvFactories<Env> {
    requestMetrics: (
      options: import('./request-metrics').RequestMetricsOptions<Env>,
    ) => import('../kernel/plugin').Plugin
  }
}
