import type { App } from '../kernel/app'
import { generateDocument } from '../openapi/generate'
import { type ContractCheck, contractCheck } from './contract'

const generated = new WeakMap<object, ContractCheck>()
const unchecked: ContractCheck = async (_request, response) => response

/**
 * The contract check a test client applies: against the given document, or the one generated from the app
 * (once per app), or none when the client opts out with `false`.
 */
export function contractOf<Env>(app: App<Env>, document: Readonly<Record<string, unknown>> | false | undefined) {
  if (document === false) return unchecked
  if (document) return contractCheck(document as Record<string, unknown>)
  let check = generated.get(app)
  if (!check) {
    check = contractCheck(generateDocument(app as unknown as App, { title: 'contract', version: '0' }))
    generated.set(app, check)
  }
  return check
}
