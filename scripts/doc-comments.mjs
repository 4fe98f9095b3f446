// A handler's doc comment is its operation's description, as a Python function's docstring is in FastAPI, and its
// `@summary` tag the operation's summary; so the words live next to the code and cost a Worker nothing: the document
// is built in Node, and only this build (the `edgestar document` command, and the test runner's transform) copies
// them into the specs. A minifier drops them from the Worker's bundle with every other comment.
//
// Two places are read, both only where the spec is an object literal written in place (a WebSocket `channel(path,
// spec, ...)` is a handler too, and so is one a function returns: `export const f = (guards) => del(path, spec, fn)`):
//   /**
//    * Lists the posts.                         ->  export const listPosts = get('/posts', {
//    * @summary List posts                            description: 'Lists the posts.', summary: 'List posts', … }, fn)
//    */
//   export const listPosts = get('/posts', { … }, fn)
//
//   specs: { /** Creates a post. */ create: { … } }   (a resource's per-operation specs)
// A spec's own `description` or `summary` wins over its comment's. Tags (`@summary`, `@example`, `@see`, …) start a
// line; they and what follows them are not part of the description (paragraphs, blank comment lines, are kept). The
// summary is the `@summary` tag's text, wrapped lines joined, up to the next tag or the comment's end.

// Declared triggers, DTOs and security schemes are read by doc-comment-declarations.mjs, before the handlers.
import { withDeclarationComments } from './doc-comment-declarations.mjs'

const HANDLER =
  /\/\*\*((?:[^*]|\*(?!\/))*)\*\/\s*export\s+const\s+\w+\s*=\s*(?:\([^()]*\)\s*=>\s*)?(?:get|post|put|patch|del|channel)\s*\(/g
const SPECS = /\bspecs\s*:\s*\{/g
const KEYED = /\/\*\*((?:[^*]|\*(?!\/))*)\*\/\s*(?:\w+|'[^']*'|"[^"]*")\s*:\s*\{/y

/** A doc comment body's lines, without their leading `*` and outer spaces. */
const commentLines = (body) => body.split('\n').map((raw) => raw.replace(/^\s*\*?\s?/, '').trim())

/** The lines before the first tag (a line starting with `@name`) in `lines`. */
const untilTag = (lines) => {
  const end = lines.findIndex((line) => /^@\w/.test(line))
  return end === -1 ? lines : lines.slice(0, end)
}

/** The text of a doc comment's body: its lines without the leading `*`, up to the first tag, paragraphs kept. */
export function commentText(body) {
  return untilTag(commentLines(body))
    .join('\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n')
}

/** The text of a doc comment's `@<tag>` tag, its wrapped lines joined, up to the next tag; '' without one. */
export function commentTag(body, tag) {
  const lines = commentLines(body)
  const at = lines.findIndex((line) => new RegExp(`^@${tag}(?:\\s|$)`).test(line))
  if (at === -1) return ''
  const rest = untilTag(lines.slice(at + 1))
  return [lines[at].slice(tag.length + 1), ...rest]
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ')
}

/** The text of a doc comment's `@summary` tag, its wrapped lines joined, up to the next tag; '' without one. */
export const commentSummary = (body) => commentTag(body, 'summary')

/** Whether a `/` at `i` starts a regular expression: what precedes it cannot end an operand. */
function startsRegExp(src, i) {
  let j = i - 1
  while (j >= 0 && /\s/.test(src[j])) j--
  return j < 0 || /[(,=:[!&|?{};]/.test(src[j]) || /\breturn$/.test(src.slice(Math.max(0, j - 6), j + 1))
}

/** The index after the string, template, comment or regular expression starting at `i`, or `i` when none does. */
export function skipToken(src, i) {
  const c = src[i]
  if (c === "'" || c === '"' || c === '`') {
    for (let j = i + 1; j < src.length; j++) {
      if (src[j] === '\\') j++
      else if (src[j] === c) return j + 1
    }
    return src.length
  }
  if (c === '/' && src[i + 1] === '/') {
    const end = src.indexOf('\n', i)
    return end === -1 ? src.length : end
  }
  if (c === '/' && src[i + 1] === '*') {
    const end = src.indexOf('*/', i + 2)
    return end === -1 ? src.length : end + 2
  }
  if (c === '/' && startsRegExp(src, i)) {
    let inClass = false
    for (let j = i + 1; j < src.length && src[j] !== '\n'; j++) {
      if (src[j] === '\\') j++
      else if (src[j] === '[') inClass = true
      else if (src[j] === ']') inClass = false
      else if (src[j] === '/' && !inClass) return j + 1
    }
  }
  return i
}

/** The index of the bracket closing the `{`, `(` or `[` at `open`. */
export function closing(src, open) {
  let depth = 0
  for (let i = open; i < src.length; ) {
    const next = skipToken(src, i)
    if (next !== i) {
      i = next
      continue
    }
    if (src[i] === '{' || src[i] === '(' || src[i] === '[') depth++
    else if (src[i] === '}' || src[i] === ')' || src[i] === ']') {
      depth--
      if (depth === 0) return i
    }
    i++
  }
  return src.length
}

/** Where the object literal at `open` names `key` among its own keys (depth one), or -1 when it does not. */
export function keyAt(src, open, key) {
  const end = closing(src, open)
  let depth = 0
  for (let i = open; i < end; ) {
    const next = skipToken(src, i)
    if (next !== i) {
      i = next
      continue
    }
    const c = src[i]
    if (c === '{' || c === '(' || c === '[') depth++
    else if (c === '}' || c === ')' || c === ']') depth--
    else if (depth === 1 && /[\s,{]/.test(src[i - 1] ?? '') && src.startsWith(key, i)) {
      if (/^\s*:/.test(src.slice(i + key.length, i + key.length + 40))) return i
    }
    i++
  }
  return -1
}

/** Whether the object literal at `open` names `key` among its own keys (depth one). */
export function hasKey(src, open, key) {
  return keyAt(src, open, key) !== -1
}

const DOC = /\/\*\*(?!\/)((?:[^*]|\*(?!\/))*)\*\//y

/** The index after the whitespace and comments from `i` (up to `end`), and the body of the last doc comment among them. */
export function skipGap(src, i, end = src.length) {
  let doc
  for (;;) {
    while (i < end && /\s/.test(src[i])) i++
    DOC.lastIndex = i
    const d = DOC.exec(src)
    if (d) doc = d[1]
    const next = src[i] === '/' && (src[i + 1] === '/' || src[i + 1] === '*') ? skipToken(src, i) : i
    if (next === i) return [i, doc]
    i = next
  }
}

/** The source with each `[index, text]` of `inserts` written in at its index (all indices into `src`). */
export function insertAll(src, inserts) {
  let out = src
  for (const [at, text] of [...inserts].sort((a, b) => b[0] - a[0])) out = `${out.slice(0, at)}${text}${out.slice(at)}`
  return out
}

/** The `{` of the second argument of the call whose `(` is at `paren`, or -1 when it is not an object literal. */
function specOpen(src, paren) {
  let i = paren + 1
  while (/\s/.test(src[i] ?? '')) i++
  const afterPath = skipToken(src, i)
  if (afterPath === i) return -1 // the path is not a literal: leave it alone
  i = afterPath
  while (/\s/.test(src[i] ?? '')) i++
  if (src[i] !== ',') return -1
  i++
  while (/\s/.test(src[i] ?? '')) i++
  return src[i] === '{' ? i : -1
}

/** What the comment `body` adds to the spec at `open`: its description and summary, those the spec lacks. */
function fromComment(src, open, body) {
  return [
    ['description', commentText(body)],
    ['summary', commentSummary(body)],
  ]
    .filter(([key, text]) => text && !hasKey(src, open, key))
    .map(([key, text]) => `${key}: ${JSON.stringify(text)},`)
    .join(' ')
}

/**
 * The source with each documented handler's or resource operation's comment copied into its spec as `description`
 * (and its `@summary` tag as `summary`), unless the spec has its own. Returns the source unchanged when there is
 * nothing to copy.
 * @example withDocComments("/** Lists. *\/ export const l = get('/l', {}, f)") // "... get('/l', {description: \"Lists.\",}, f)"
 */
export function withDocComments(source) {
  const src = withDeclarationComments(source)
  const inserts = []
  for (const m of src.matchAll(HANDLER)) {
    const open = specOpen(src, m.index + m[0].length - 1)
    const fields = open === -1 ? '' : fromComment(src, open, m[1])
    if (fields) inserts.push([open + 1, fields])
  }
  for (const m of src.matchAll(SPECS)) {
    const open = m.index + m[0].length - 1
    const end = closing(src, open)
    for (let i = open + 1; i < end; ) {
      KEYED.lastIndex = i
      const k = KEYED.exec(src)
      if (k) {
        const inner = k.index + k[0].length - 1
        const fields = fromComment(src, inner, k[1])
        if (fields) inserts.push([inner + 1, fields])
        i = closing(src, inner) + 1
        continue
      }
      const next = skipToken(src, i)
      if (next !== i) i = next
      else i = src[i] === '{' || src[i] === '(' || src[i] === '[' ? closing(src, i) + 1 : i + 1
    }
  }
  return insertAll(src, inserts)
}
