import * as v from 'valibot'

/** An instance id in a path: what `Workflow.create` makes (a UUID) or a caller chose; at most 100 characters. */
export const InstanceId = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be a workflow instance id'),
  v.description('The instance id the start route returned'),
)

// What the runtime makes an instance id: a UUID.
const EXAMPLE_ID = '7a0c2e52-5c1f-4d0e-9d0c-2f0b5e1c9a11'

/** Every status a Workflow instance reports. */
export const InstanceState = v.picklist([
  'queued',
  'running',
  'paused',
  'errored',
  'terminated',
  'complete',
  'waiting',
  'waitingForPause',
  'rollingBack',
  'unknown',
])

/** A started instance: its id and first status. */
export const InstanceStarted = v.pipe(
  v.object({ id: v.string(), status: InstanceState }),
  v.title('WorkflowInstanceStarted'),
  v.metadata({ examples: [{ id: EXAMPLE_ID, status: 'queued' }] }),
)

/** An instance's status, with its error or output once it ended. */
export const instanceStatus = (name: string, output: v.GenericSchema) =>
  v.pipe(
    v.object({
      id: v.string(),
      status: InstanceState,
      error: v.optional(v.object({ name: v.string(), message: v.string() })),
      output: v.optional(output),
    }),
    v.title(`${name}Status`),
    v.metadata({ examples: [{ id: EXAMPLE_ID, status: 'running' }] }),
  )
