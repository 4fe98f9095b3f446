import { workflowEntrypoint } from '../../core/workers'
import { app } from '../app'
import { accountDeletion } from './workflow'

/** The ACCOUNT_DELETION Workflow's class (wrangler.toml `[[workflows]]`). */
export class AccountDeletion extends workflowEntrypoint(app, accountDeletion) {}
