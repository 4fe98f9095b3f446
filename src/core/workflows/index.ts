// `edgestar/workflows`: Cloudflare Workflows declared with typed params, events and step dependencies, and their
// generated routes. The class the runtime runs (`workflowEntrypoint`) is in `edgestar/workers`, beside the Durable
// Objects.
export { InstanceId, InstanceStarted, InstanceState, instanceStatus } from './instance-status'
export { type WorkflowDefinition, type WorkflowRunContext, type WorkflowSpec, workflow } from './workflow'
export { workflowRoutes } from './workflow-routes'
export type { StepContext, StepFunction, StepObserver, WorkflowSteps } from './workflow-steps'
