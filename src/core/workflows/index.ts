// `edgestar/workflows`: Cloudflare Workflows declared with typed params and events, and their generated routes.
// The class the runtime runs (`workflowEntrypoint`) is in `edgestar/workers`, beside the Durable Objects.
export { InstanceId, InstanceStarted, InstanceState, instanceStatus } from './instance-status'
export { type WorkflowDefinition, type WorkflowRunContext, type WorkflowSpec, workflow } from './workflow'
export { workflowRoutes } from './workflow-routes'
