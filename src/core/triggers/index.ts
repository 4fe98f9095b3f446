// `edgestar/triggers`: cron jobs and typed queue consumers, run by the app (`createApp({ triggers })`) in its
// dependency layers, with run ids in their logs and failures reported like a route's.

// The host a trigger made by hand sets, as `cron()` and `consumer()` do: it runs the app's triggers.
export { bindTriggers } from '../kernel/trigger-host'
export { type Consumer, type ConsumerSpec, consumer, type MessageContext, type QueueMatch } from './consumer'
export { cron, type Job, type JobContext, type JobSpec } from './cron'
export { isCronExpression } from './cron-expression'
export { cronsOf } from './crons-of'
