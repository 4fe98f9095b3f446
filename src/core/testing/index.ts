// `edgestar/testing`: a client that calls an app in process with dependency overrides, typed calls per handler,
// sign-in through the app's own auth, quiet request logs, and a fake clock. Needs vitest (an optional peer).
export { type FakeClock, fakeClock } from './fake-clock'
export type { CallInput, CallResult } from './route-call'
export { type TestClient, type TestClientOptions, testClient } from './test-client'
export type { QueueMessageInput, QueueOutcome, TriggerCalls } from './trigger-calls'
