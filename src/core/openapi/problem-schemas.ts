import * as v from 'valibot'

/** RFC 9457 problem details, as every error response carries them. */
export const Problem = v.pipe(
  v.object({
    type: v.pipe(v.string(), v.description('A URI identifying the problem type')),
    title: v.pipe(v.string(), v.description('A short summary of the problem type')),
    status: v.pipe(v.number(), v.integer(), v.description('The HTTP status code')),
    detail: v.optional(v.pipe(v.string(), v.description('What went wrong with this request'))),
    instance: v.pipe(v.string(), v.description('The request path')),
  }),
  v.title('Problem'),
  v.description('RFC 9457 problem details'),
  v.metadata({
    examples: [
      { type: 'about:blank', title: 'Not Found', status: 404, detail: 'No such resource', instance: '/example' },
    ],
  }),
)

/** The problem a request validation failure answers with: every invalid input, located. */
export const ValidationProblem = v.pipe(
  v.object({
    ...Problem.entries,
    errors: v.array(
      v.object({
        in: v.picklist(['path', 'query', 'header', 'cookie', 'body']),
        name: v.string(),
        pointer: v.pipe(v.string(), v.description('JSON pointer to the field within its location')),
        message: v.string(),
      }),
    ),
  }),
  v.title('ValidationProblem'),
  v.description('RFC 9457 problem details listing every invalid input'),
  v.metadata({
    examples: [
      {
        type: 'urn:problem-type:validation-error',
        title: 'Request validation failed',
        status: 400,
        detail: 'query parameter "name" is required',
        instance: '/greet',
        errors: [{ in: 'query', name: 'name', pointer: '/name', message: 'is required' }],
      },
    ],
  }),
)
