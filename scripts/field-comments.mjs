// A doc comment on an entry of an object schema is that field's description, as a JSDoc comment on a TypeScript
// property is (an editor shows it on hover); like a handler's (doc-comments.mjs), only the document build reads it:
//   export const TokenPair = v.object({          ->  export const TokenPair = v.object({
//     /** Seconds until it expires */                  expiresIn: __describeField(v.pipe(v.number(), v.integer()),
//     expiresIn: v.pipe(v.number(), v.integer()),        "Seconds until it expires"),
//   })                                               })
// describeField (describe-field.mjs, imported into the module) puts `v.description(text)` where a hand-written one
// would sit, so the document is the same as if it were written out; a field whose schema has its own description
// keeps it. Read where an object literal holds a schema's entries: the first argument of `<any>.object(`,
// `.strictObject(`, `.looseObject(` and `.objectWithRest(` (and of those names imported from 'valibot' and called
// bare), the `fields` of `defineModel({ fields: { … } })` and the entries of `inputDto(title, { … })`; keys bare or
// quoted, at the literal's own depth. A schema of its own (`const Timestamp = v.pipe(…)`) is described only when
// its doc comment says so with a `@description` tag: the comment's text is for the code's readers.
import { fileURLToPath } from 'node:url'
import { argumentOpen } from './doc-comment-declarations.mjs'
import { closing, commentTag, commentText, insertAll, keyAt, skipGap, skipToken } from './doc-comments.mjs'

const FACTORIES = ['object', 'strictObject', 'looseObject', 'objectWithRest']
const CALL = /([A-Za-z_$][\w$]*)\s*(?:\.\s*([A-Za-z_$][\w$]*)\s*)?\(\s*/y
const VALIBOT_IMPORT = /import\s*\{([^}]*)\}\s*from\s*['"]valibot['"]/g
const KEY = /([A-Za-z_$][\w$]*|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")\s*:/y
const DESCRIBED_CONST = /\/\*\*((?:[^*]|\*(?!\/))*)\*\/\s*(?:export\s+)?const\s+[A-Za-z_$][\w$]*\s*=\s*/g
const CALLEE = /[A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*\s*\(/y
const HELPER = fileURLToPath(new URL('./describe-field.mjs', import.meta.url))

/** The local names bound to valibot's object factories by `import { object, strictObject as strict } from 'valibot'`. */
function bareFactories(src) {
  const names = new Set()
  for (const m of src.matchAll(VALIBOT_IMPORT))
    for (const part of m[1].split(',')) {
      const [imported, local = imported] = part.trim().split(/\s+as\s+/)
      if (FACTORIES.includes(imported)) names.add(local.trim())
    }
  return names
}

/** The `{` of the entries literal of the call `m` matched (its name `name`, namespaced or not), or -1 if it has none. */
function entriesOpen(src, m, bare) {
  const name = m[2] ?? m[1]
  const at = m.index + m[0].length
  if (m[2] ? FACTORIES.includes(name) : bare.has(name)) return src[at] === '{' ? at : -1
  if (name === 'inputDto') return argumentOpen(src, src.lastIndexOf('(', at - 1), 1)
  if (name !== 'defineModel' || src[at] !== '{') return -1
  const key = keyAt(src, at, 'fields')
  if (key === -1) return -1
  const [open] = skipGap(src, src.indexOf(':', key) + 1)
  return src[open] === '{' ? open : -1
}

/**
 * The entries of the object literal at `open` that follow a doc comment: where each one's value starts and ends
 * (its last token, comments after it excluded) and the comment's body.
 */
function documentedEntries(src, open) {
  const end = closing(src, open)
  const found = []
  let i = open + 1
  while (i < end) {
    const [start, doc] = skipGap(src, i, end)
    KEY.lastIndex = start
    const key = KEY.exec(src)
    i = key ? key.index + key[0].length : start
    const [from] = skipGap(src, i, end)
    let last = from
    for (i = from; i < end && src[i] !== ','; ) {
      const next = skipToken(src, i)
      if (next !== i && src[i] === '/' && (src[i + 1] === '/' || src[i + 1] === '*')) i = next
      else if (next !== i) i = last = next
      else if (/\s/.test(src[i])) i++
      else i = last = src[i] === '{' || src[i] === '(' || src[i] === '[' ? closing(src, i) + 1 : i + 1
    }
    if (key && doc && last > from) found.push({ from, to: last, doc })
    i++
  }
  return found
}

/**
 * Where the schemas of `const`s whose doc comment has a `@description` tag start and end, and the tag's text: a
 * schema's own description, opted into, as the comment's text is written for developers. Only an initializer that is
 * one call (`v.pipe(...)`, `v.object(...)`) ending its statement is read.
 */
function describedConsts(src) {
  const found = []
  for (const m of src.matchAll(DESCRIBED_CONST)) {
    const text = commentTag(m[1], 'description')
    const from = m.index + m[0].length
    CALLEE.lastIndex = from
    const callee = CALLEE.exec(src)
    if (!text || !callee) continue
    const to = closing(src, from + callee[0].length - 1) + 1
    if (/^[ \t]*(?:;|\n|\/\/|$)/.test(src.slice(to, to + 3))) found.push({ from, to, text })
  }
  return found
}

/**
 * The source with each documented field of an object schema described by its comment, and each schema `const` by its
 * comment's `@description` tag (through describeField, which the module then imports from `helper`). Returns the
 * source unchanged when there is nothing to describe.
 * @example withFieldComments("v.object({ /** Who *\/ name: v.string() })") // '...name: __describeField(v.string(), "Who") })'
 */
export function withFieldComments(src, helper = HELPER) {
  const bare = bareFactories(src)
  const inserts = []
  for (let i = 0; i < src.length; ) {
    const next = skipToken(src, i)
    if (next !== i) {
      i = next
      continue
    }
    if (/[\w$.]/.test(src[i - 1] ?? '') || !/[A-Za-z_$]/.test(src[i])) {
      i++
      continue
    }
    CALL.lastIndex = i
    const m = CALL.exec(src)
    const open = m ? entriesOpen(src, m, bare) : -1
    if (open !== -1) {
      for (const { from, to, doc } of documentedEntries(src, open)) {
        const text = commentText(doc)
        if (!text) continue
        inserts.push([from, '__describeField('], [to, `, ${JSON.stringify(text)})`])
      }
    }
    i++
  }
  for (const { from, to, text } of describedConsts(src))
    inserts.push([from, '__describeField('], [to, `, ${JSON.stringify(text)})`])
  if (!inserts.length) return src
  return `import { describeField as __describeField } from ${JSON.stringify(helper)};${insertAll(src, inserts)}`
}
