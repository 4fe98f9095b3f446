import { workflowEntrypoint } from '../../core/workers'
import { accountDeletion } from './workflow'

/** The ACCOUNT_DELETION Workflow's class (wrangler.toml `[[workflows]]`). */
export class AccountDeletion extends workflowEntrypoint(accountDeletion) {}
