// `edgestar/testing`: a client that calls an app in process with dependency overrides, typed calls per handler,
// sign-in through the app's own auth, quiet request logs, and a fake clock. Needs vitest (an optional peer).

export type { BindingKind } from '../tracing/observe-bindings'
export type { D1Target } from '../tracing/observe-d1'
export { type CountedBindings, countBindings, type RoundTrips } from './count-bindings'
export { type FakeClock, fakeClock } from './fake-clock'
export { type RecordedSpan, recordSpans, type SpanRecorder } from './record-spans'
export type { CallInput, CallResult } from './route-call'
export { type TestClient, type TestClientOptions, testClient } from './test-client'
export type { QueueMessageInput, QueueOutcome, TriggerCalls } from './trigger-calls'
export type { StepOutcome, WorkflowCalls, WorkflowResult, WorkflowRun, WorkflowRunOptions } from './workflow-run'
