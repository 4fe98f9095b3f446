import { type FieldProblem, ValidationError } from './errors'

/**
 * A 400 about an input as a whole (a body that is not JSON, not UTF-8, cut off; a refused Host): a validation
 * problem like any other, with one entry whose pointer is the input's root, so every 400 has the documented
 * `ValidationProblem` shape and a client reads `errors` whatever went wrong.
 * @example throw inputError('body', '', 'is not valid JSON', 'Malformed JSON body: Unexpected token')
 */
export const inputError = (where: FieldProblem['in'], name: string, message: string, detail: string): ValidationError =>
  new ValidationError([{ in: where, name, pointer: '', message }], detail)
