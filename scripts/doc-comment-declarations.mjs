// The doc comment of a declared trigger, DTO or security scheme is its description, as a handler's is (doc-comments.mjs
// reads those and calls this module): the words live next to the declaration and reach the documents, never the
// Worker's bundle. Read only where the declaration is a `const` (exported or not) initialised by a call to one of the
// factories below, and the argument holding the spec or options is an object literal written in place:
//   /** Deletes expired sessions. */          ->  export const purge = cron('0 3 * * *', {
//   export const purge = cron('0 3 * * *', {          description: "Deletes expired sessions.", name: 'purge' }, fn)
//     name: 'purge' }, fn)
// The description is the comment's text up to its first tag (commentText); a spec's own `description` wins.

import { closing, commentText, hasKey, insertAll, skipGap, skipToken } from './doc-comments.mjs'

/**
 * The factories whose declarations are read, each with the index of the argument that holds the description: the
 * triggers (a cron job's spec follows its schedule), the DTOs (their options follow the title and the entries; a
 * comment above a DTO without options stays the code's), and the credential schemes of `edgestar/auth` whose document
 * has no description of its own (one options object). Not `cookieSession`: its own description states the CSRF rule,
 * which a comment written for the code's readers would silently replace. Called bare or as a member (`auth.httpBasic(`).
 */
export const DESCRIBED_CALLS = {
  cron: 1,
  consumer: 0,
  workflow: 0,
  dto: 2,
  inputDto: 2,
  bearerJwt: 0,
  apiKeyAuth: 0,
  httpBasic: 0,
}

// A doc comment, then `[export] const name = [object.]factory[<type arguments>](`.
const DECLARATION =
  /\/\*\*((?:[^*]|\*(?!\/))*)\*\/\s*(?:export\s+)?const\s+\w+\s*=\s*(?:\w+\.)?(\w+)\s*(?:<[^;=]*?>)?\s*\(/g

/** The index of the comma ending the argument that starts at `from`, or -1 when the call's `)` comes first. */
function argumentEnd(src, from) {
  for (let i = from; i < src.length; ) {
    const next = skipToken(src, i)
    if (next !== i) i = next
    else if (src[i] === '{' || src[i] === '(' || src[i] === '[') i = closing(src, i) + 1
    else if (src[i] === ',') return i
    else if (src[i] === ')') return -1
    else i++
  }
  return -1
}

/** The `{` of the call's argument number `index` (its `(` at `paren`), or -1 when that is not an object literal. */
export function argumentOpen(src, paren, index) {
  let start = paren + 1
  for (let n = 0; n < index; n++) {
    const comma = argumentEnd(src, start)
    if (comma === -1) return -1
    start = comma + 1
  }
  const [at] = skipGap(src, start)
  return src[at] === '{' ? at : -1
}

/**
 * The source with each documented declaration's comment copied into its spec or options as `description`, first,
 * unless they have their own; unchanged when there is nothing to copy.
 * @example withDeclarationComments("/** Purges. *\/ const p = cron('0 3 * * *', { name: 'p' }, f)") // "... cron('0 3 * * *', {description: \"Purges.\", name: 'p' }, f)"
 */
export function withDeclarationComments(src) {
  const inserts = []
  for (const m of src.matchAll(DECLARATION)) {
    const index = Object.hasOwn(DESCRIBED_CALLS, m[2]) ? DESCRIBED_CALLS[m[2]] : -1
    const open = index === -1 ? -1 : argumentOpen(src, m.index + m[0].length - 1, index)
    const text = open === -1 ? '' : commentText(m[1])
    if (text && !hasKey(src, open, 'description')) inserts.push([open + 1, `description: ${JSON.stringify(text)},`])
  }
  return insertAll(src, inserts)
}
