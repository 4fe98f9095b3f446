import * as v from 'valibot'
import { PRIVATE_KEY, type Privacy } from './private-field'
import { checkPrivateViews } from './private-views'
import { viewCheck } from './view-check'

type Schema = v.GenericSchema

/**
 * Marks a field private: a copy of the schema whose pipe ends in a metadata action, so every view built from it
 * (`dto`, `include`, `partial`, a page wrapper) carries the mark, and `createApp` can find it in a response.
 * The copy validates and converts exactly as the original (a metadata action is skipped at run time).
 * @example const fields = { email: markPrivate(EmailAddress, 'personal'), hash: markPrivate(v.string(), 'secret') }
 */
export function markPrivate<S extends Schema>(schema: S, privacy: Privacy): S {
  // Marking is what turns the check on: an app with no private field bundles none of it.
  viewCheck.run = checkPrivateViews
  return v.pipe(schema, v.metadata({ [PRIVATE_KEY]: privacy })) as unknown as S
}
