// A handler's doc comment is its operation's description, as a Python function's docstring is in FastAPI; so the
// words live next to the code and cost a Worker nothing: the document is built in Node, and only this build (the
// `edgestar document` command, and the test runner's transform) copies them into the specs. A minifier drops them
// from the Worker's bundle with every other comment.
//
// Two places are read, both only where the spec is an object literal written in place (a WebSocket `channel(path,
// spec, ...)` is a handler too):
//   /** Lists the posts. */                   ->  export const listPosts = get('/posts', { description: '…', … }, fn)
//   export const listPosts = get('/posts', { … }, fn)
//
//   specs: { /** Creates a post. */ create: { … } }   (a resource's per-operation specs)
// A spec's own `description` wins over its comment. Tags (`@example`, `@see`, …) and what follows them are not part
// of the description; paragraphs (blank comment lines) are kept.

const HANDLER = /\/\*\*((?:[^*]|\*(?!\/))*)\*\/\s*export\s+const\s+\w+\s*=\s*(?:get|post|put|patch|del|channel)\s*\(/g
const SPECS = /\bspecs\s*:\s*\{/g
const KEYED = /\/\*\*((?:[^*]|\*(?!\/))*)\*\/\s*(?:\w+|'[^']*'|"[^"]*")\s*:\s*\{/y

/** The text of a doc comment's body: its lines without the leading `*`, up to the first tag, paragraphs kept. */
export function commentText(body) {
  const lines = []
  for (const raw of body.split('\n')) {
    const line = raw.replace(/^\s*\*?\s?/, '').trimEnd()
    if (/^@\w/.test(line.trim())) break
    lines.push(line.trim())
  }
  return lines
    .join('\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n')
}

/** The index after the string, template or comment starting at `i`, or `i` when none starts there. */
function skipToken(src, i) {
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
  return i
}

/** The index of the `}` closing the `{` at `open`. */
function closing(src, open) {
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

/** Whether the object literal at `open` names `description` among its own keys (depth one). */
function hasDescription(src, open) {
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
    else if (depth === 1 && /[\s,{]/.test(src[i - 1] ?? '') && src.startsWith('description', i)) {
      if (/^description\s*:/.test(src.slice(i, i + 40))) return true
    }
    i++
  }
  return false
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

/**
 * The source with each documented handler's or resource operation's comment copied into its spec as
 * `description`, unless the spec has its own. Returns the source unchanged when there is nothing to copy.
 * @example withDocComments("/** Lists. *\/ export const l = get('/l', {}, f)") // "... get('/l', {description: \"Lists.\",}, f)"
 */
export function withDocComments(src) {
  const inserts = []
  for (const m of src.matchAll(HANDLER)) {
    const open = specOpen(src, m.index + m[0].length - 1)
    const text = commentText(m[1])
    if (open !== -1 && text && !hasDescription(src, open)) inserts.push([open + 1, text])
  }
  for (const m of src.matchAll(SPECS)) {
    const open = m.index + m[0].length - 1
    const end = closing(src, open)
    for (let i = open + 1; i < end; ) {
      KEYED.lastIndex = i
      const k = KEYED.exec(src)
      if (k) {
        const inner = k.index + k[0].length - 1
        const text = commentText(k[1])
        if (text && !hasDescription(src, inner)) inserts.push([inner + 1, text])
        i = closing(src, inner) + 1
        continue
      }
      const next = skipToken(src, i)
      if (next !== i) i = next
      else i = src[i] === '{' || src[i] === '(' || src[i] === '[' ? closing(src, i) + 1 : i + 1
    }
  }
  if (!inserts.length) return src
  inserts.sort((a, b) => b[0] - a[0])
  let out = src
  for (const [at, text] of inserts) out = `${out.slice(0, at)}description: ${JSON.stringify(text)},${out.slice(at)}`
  return out
}
