// `edgestar/openapi`: build time only. Turns a built app into an OpenAPI 3.1 document (the schema converter,
// @valibot/to-json-schema, is this entry's optional peer dependency and never reaches a Worker bundle).

export { docsHtml } from '../kernel/docs-html'
export { toOpenApi32 } from '../kernel/to-openapi-32'
export { toYaml } from '../kernel/to-yaml'
export { type DocumentInfo, type DocumentOptions, generateDocument } from './generate'
export { Problem, ValidationProblem } from './problem-schemas'
export type { StageDescription } from './stage-description'
