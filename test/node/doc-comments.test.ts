import { toJsonSchema } from '@valibot/to-json-schema'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { describeField } from '../../scripts/describe-field.mjs'
import { argumentOpen } from '../../scripts/doc-comment-declarations.mjs'
import { commentSummary, commentTag, commentText, withDocComments } from '../../scripts/doc-comments.mjs'
import { withFieldComments } from '../../scripts/field-comments.mjs'

describe('a handler’s doc comment is its description', () => {
  it('copies the comment into a handler spec written in place, first, so the spec’s own keys stay as written', () => {
    const src = "/** Lists the posts. */\nexport const listPosts = get('/posts', { summary: 'List' }, fn)"
    expect(withDocComments(src)).toBe(
      "/** Lists the posts. */\nexport const listPosts = get('/posts', {description: \"Lists the posts.\", summary: 'List' }, fn)",
    )
  })

  it('reads a WebSocket channel as a handler', () => {
    const src = "/** Joins the room. */\nexport const room = channel('/:room', { summary: 'Join' }, handlers)"
    expect(withDocComments(src)).toContain('{description: "Joins the room.", summary')
  })

  it('leaves a spec with its own description, a spec that is not an object literal, and undocumented handlers', () => {
    for (const src of [
      "/** Comment. */\nexport const a = post('/a', { description: 'own' }, fn)",
      "/** Comment. */\nexport const b = get('/b', spec, fn)",
      "/** Comment. */\nexport const c = get(path, { summary: 's' }, fn)",
      "export const d = get('/d', { summary: 's' }, fn)",
      "/** A router, not a handler. */\nexport const e = router({ prefix: '/e' })",
    ])
      expect(withDocComments(src)).toBe(src)
  })

  it('does not take a nested description for the spec’s own', () => {
    const src =
      "/** Mine. */\nexport const a = get('/a', { query: v.object({ q: v.pipe(v.string(), v.description('q')) }), responses: { 200: { description: 'ok' } } }, fn)"
    expect(withDocComments(src)).toContain('{description: "Mine.", query')
  })

  it('reads a resource’s per-operation specs, keys quoted or bare, skipping strings and comments that look like keys', () => {
    const src = [
      'resource(Post, {',
      '  specs: {',
      "    // it's a line comment: /** not a doc */ list: {",
      '    /** Lists posts. */',
      "    list: { summary: '{ not: a brace }' },",
      "    get: { description: 'own' },",
      "    /** Creates one. */ 'create': {},",
      '  },',
      '})',
    ].join('\n')
    const out = withDocComments(src)
    expect(out).toContain('list: {description: "Lists posts.", summary')
    expect(out).toContain('\'create\': {description: "Creates one.",}')
    expect(out).toContain("get: { description: 'own' }")
    expect(out.match(/description: "/g)).toHaveLength(2)
  })

  it('keeps paragraphs, joins wrapped lines and stops at the first tag', () => {
    expect(
      commentText(
        '\n * First line\n * wraps here.\n *\n * Second `code` "quoted".\n * @example get(\'/x\')\n * more\n ',
      ),
    ).toBe('First line wraps here.\n\nSecond `code` "quoted".')
  })
})

describe('a doc comment’s @summary tag is its summary', () => {
  it('copies the tag into the handler spec as summary, after the description, the tag kept out of the description', () => {
    const src =
      "/**\n * Lists the posts.\n * @summary List posts\n */\nexport const listPosts = get('/posts', { query }, fn)"
    expect(withDocComments(src)).toContain(
      'get(\'/posts\', {description: "Lists the posts.", summary: "List posts", query }',
    )
  })

  it('joins a summary wrapped over lines, up to the next tag or the end', () => {
    expect(commentSummary('\n * Body.\n * @summary Log in with email\n *   and password;\n * sets a cookie\n ')).toBe(
      'Log in with email and password; sets a cookie',
    )
    expect(commentSummary("\n * @summary First\n * line\n *\n * @example get('/x')\n * @see y\n ")).toBe('First line')
    expect(commentSummary(' @summary One line ')).toBe('One line')
    expect(commentSummary('\n * No tag.\n * @summaryish not it\n * @summary\n ')).toBe('')
  })

  it('reads the summary among other tags, before or after it, and keeps them out of it', () => {
    const body =
      "\n * Deletes it.\n *\n * More.\n * @param guards the route’s own\n * @summary Delete it\n * @example del('/x')\n "
    expect(commentSummary(body)).toBe('Delete it')
    expect(commentText(body)).toBe('Deletes it.\n\nMore.')
    const src = `/**${body}*/\nexport const d = (guards: readonly Guard[]) =>\n  del('/:id', { guards }, fn)`
    expect(withDocComments(src)).toContain(
      'del(\'/:id\', {description: "Deletes it.\\n\\nMore.", summary: "Delete it", guards }',
    )
  })

  it('a summary-only comment adds only the summary', () => {
    const src = "/** @summary Say hello */\nexport const hello = get('/hello', {}, fn)"
    expect(withDocComments(src)).toBe(
      '/** @summary Say hello */\nexport const hello = get(\'/hello\', {summary: "Say hello",}, fn)',
    )
  })

  it('lets a spec’s own summary win, as its own description does, each on its own', () => {
    const comment = '/**\n * From the comment.\n * @summary From the tag\n */\n'
    const own = `${comment}export const a = get('/a', { summary: 'own' }, fn)`
    expect(withDocComments(own)).toContain('{description: "From the comment.", summary: \'own\' }')
    const both = `${comment}export const b = get('/b', { description: 'own', summary: 'own' }, fn)`
    expect(withDocComments(both)).toBe(both)
    const nested = `${comment}export const c = get('/c', { responses: { 200: { summary: 'nested' } } }, fn)`
    expect(withDocComments(nested)).toContain('summary: "From the tag", responses')
  })

  it('reads the tag above a resource’s specs key, beside a key with its own summary', () => {
    const src = [
      'resource(Post, {',
      '  specs: {',
      '    /**',
      '     * Lists posts.',
      '     * @summary List the',
      '     *   posts',
      '     */',
      '    list: {},',
      '    /** Creates one.\n     * @summary From the tag */',
      "    create: { summary: 'own', errors: [409] },",
      '  },',
      '})',
    ].join('\n')
    const out = withDocComments(src)
    expect(out).toContain('list: {description: "Lists posts.", summary: "List the posts",}')
    expect(out).toContain('create: {description: "Creates one.", summary: \'own\', errors')
    expect(out).not.toContain('From the tag"')
  })
})

describe('a doc comment on an object schema’s entry is its field’s description', () => {
  const described = (key: string, value: string, text: string) =>
    `${key}: __describeField(${value}, ${JSON.stringify(text)})`

  it('wraps each documented entry, at the literal’s own depth, nested objects too, and imports the helper', () => {
    const src = [
      "import * as s from 'valibot'",
      'export const Pair = s.strictObject({',
      '  /** Seconds until the access token expires */',
      '  expiresIn: s.pipe(s.number(), s.integer()),',
      '  /**',
      '   * The session.',
      '   *',
      '   * Kept apart.',
      '   * @example { id: 1 }',
      '   */',
      '  session: s.object({ /** Its id */ id: s.number(), other: { /** not a schema */ k: 1 } }), // trailing',
      '  // a line comment, not a doc comment',
      '  plain: s.string(),',
      '  /* a block comment, not a doc comment */ block: s.string(),',
      '  /** The last */ last: s.pipe(s.string(), s.regex(/^[}\'"]+$/)) // no comma after it',
      '})',
    ].join('\n')
    const out = withFieldComments(src, 'helper.mjs')
    expect(out.startsWith('import { describeField as __describeField } from "helper.mjs";import * as s')).toBe(true)
    expect(out).toContain(
      described('expiresIn', 's.pipe(s.number(), s.integer())', 'Seconds until the access token expires'),
    )
    expect(out).toContain(described('id', 's.number()', 'Its id'))
    expect(out).toContain('other: { /** not a schema */ k: 1 } }), "The session.\\n\\nKept apart.")')
    expect(out).toContain(described('last', 's.pipe(s.string(), s.regex(/^[}\'"]+$/))', 'The last'))
    expect(out).toContain('  plain: s.string(),')
    expect(out).toContain('block: s.string(),')
    expect(out.match(/__describeField\(/g)).toHaveLength(4)
  })

  it('reads quoted keys, looseObject and objectWithRest, and bare factories imported from valibot', () => {
    const src = [
      "import { objectWithRest, looseObject as loose, string } from 'valibot'",
      "const A = v.looseObject({ /** The ETag held */ 'if-range': v.optional(v.string()) })",
      'const B = objectWithRest({ /** Rest */ "a-b": string() }, string())',
      'const C = loose({ /** Aliased */ c: string() })',
      'const D = object({ /** object is not imported here */ d: string() })',
    ].join('\n')
    const out = withFieldComments(src, 'h')
    expect(out).toContain(described("'if-range'", 'v.optional(v.string())', 'The ETag held'))
    expect(out).toContain(described('"a-b"', 'string()', 'Rest'))
    expect(out).toContain(described('c', 'string()', 'Aliased'))
    expect(out).toContain('d: string() })')
  })

  it('reads a model’s fields and an input DTO’s entries, not their other object literals', () => {
    const src = [
      "const M = defineModel({ table: 't', private: { /** no */ x: 1 }, fields: { /** Its id */ id: Id } })",
      "const D = inputDto('D', { /** Who */ who: v.string() }, { examples: [{ /** no */ who: 'x' }] })",
    ].join('\n')
    const out = withFieldComments(src, 'h')
    expect(out).toContain(described('id', 'Id', 'Its id'))
    expect(out).toContain(described('who', 'v.string()', 'Who'))
    expect(out.match(/__describeField\(/g)).toHaveLength(2)
  })

  it('leaves a source without documented fields, and keys of object literals that are not schemas, as they are', () => {
    for (const src of [
      'const o = { /** not a schema */ k: v.string() }\nconst p = f({ /** nor this */ k: 1 })',
      "const s = v.object({ a: v.string() }) // '/** a: */'",
      "const t = 'v.object({ /** in a string */ a: v.string() })'",
      '/** A schema’s own comment is for developers. */\nexport const S = v.object({ a: v.string() })',
    ])
      expect(withFieldComments(src)).toBe(src)
  })
})

describe('a schema const’s description is opted into with a @description tag', () => {
  it('describes the const’s schema with the tag’s text, wrapped lines joined; the comment’s text stays the reader’s', () => {
    const src = [
      '/**',
      ' * A database timestamp, for whoever reads the code.',
      ' * @description ISO 8601 timestamp,',
      ' *   UTC',
      ' */',
      'export const Timestamp = v.pipe(v.string(), v.isoTimestamp()) // a trailing comment',
      '/** @description Local */ const Local = v.object({ a: v.string() });',
    ].join('\n')
    const out = withFieldComments(src, 'h')
    expect(out).toContain(
      'export const Timestamp = __describeField(v.pipe(v.string(), v.isoTimestamp()), "ISO 8601 timestamp, UTC") //',
    )
    expect(out).toContain('const Local = __describeField(v.object({ a: v.string() }), "Local");')
    expect(commentTag('\n * Text.\n * @description One\n *   two\n * @see x\n ', 'description')).toBe('One two')
  })

  it('leaves a const without the tag, and an initializer that is not one call ending its statement', () => {
    for (const src of [
      '/** A timestamp: ISO 8601, UTC. */\nexport const Timestamp = v.pipe(v.string(), v.isoTimestamp())',
      '/** @description Chained */\nexport const B = v.pipe(v.string()).foo',
      '/** @description Not a call */\nexport const C = Other',
      '/** @descriptions Another tag */\nexport const D = v.string()',
    ])
      expect(withFieldComments(src)).toBe(src)
  })
})

describe('describeField puts the description where a hand-written v.description sits', () => {
  const json = (schema: v.GenericSchema) => toJsonSchema(schema, { errorMode: 'ignore', typeMode: 'output' })
  const same = (made: v.GenericSchema, written: v.GenericSchema) => {
    expect(json(v.object({ f: made }))).toEqual(json(v.object({ f: written })))
    expect(made.type).toBe(written.type)
  }

  it('appends to a pipe, pipes a plain schema, and goes inside an optional wrapper, its default kept', () => {
    same(describeField(v.pipe(v.number(), v.integer()), 'n'), v.pipe(v.number(), v.integer(), v.description('n')))
    same(describeField(v.string(), 's'), v.pipe(v.string(), v.description('s')))
    const Id = v.pipe(v.number(), v.minValue(1))
    same(describeField(Id, 'id'), v.pipe(Id, v.description('id')))
    const withDefault = describeField(v.optional(v.pipe(v.string(), v.maxLength(3)), 'abc'), 'o')
    same(withDefault, v.optional(v.pipe(v.string(), v.maxLength(3), v.description('o')), 'abc'))
    expect(v.parse(v.object({ f: withDefault }), {})).toEqual({ f: 'abc' })
    expect(json(v.object({ f: withDefault })).required).toEqual([])
    same(describeField(v.nullish(v.string()), 'n'), v.nullish(v.pipe(v.string(), v.description('n'))))
    same(describeField(v.nullable(v.string()), 'n'), v.pipe(v.nullable(v.string()), v.description('n')))
  })

  it('keeps a schema’s own description, wherever it sits', () => {
    for (const own of [
      v.pipe(v.string(), v.description('own')),
      v.optional(v.pipe(v.string(), v.description('own'))),
      v.pipe(v.pipe(v.string(), v.description('own')), v.minLength(1)),
      v.pipe(v.string(), v.metadata({ description: 'own' })),
      v.nullable(v.pipe(v.string(), v.description('own'))),
    ])
      expect(describeField(own, 'comment')).toBe(own)
  })
})

describe('a declared trigger’s doc comment is its description', () => {
  it('copies the comment into a cron job’s spec, the argument after its schedule, whatever the schedule is', () => {
    const src = [
      '/**',
      ' * Deletes expired rows',
      ' * @remarks',
      ' * Nightly; the requests check the rows themselves.',
      ' */',
      "export const purge = cron(every('day', [3, 0]), /* spec: */ { name: 'purge', inject: { db: Db } }, fn)",
    ].join('\n')
    expect(withDocComments(src)).toContain('/* spec: */ {description: "Deletes expired rows", name: \'purge\'')
  })

  it('reads consumers and workflows, their spec first, declared with or without export, and member calls', () => {
    const src = [
      'export function triggers(options) {',
      '  /** Event messages: one per listener. */',
      '  const events = consumer(',
      "    { name: 'events', queue: options.queue, ...(options.retryDelay ? { retryDelay: 1 } : {}) },",
      '    (body) => run(body),',
      '  )',
      '  /** Exports and deletes. */',
      "  const deletion = workflows.workflow({ name: 'deletion', params: v.object({ id: Id }) }, async () => {})",
      '  return [events, deletion]',
      '}',
    ].join('\n')
    const out = withDocComments(src)
    expect(out).toContain('{description: "Event messages: one per listener.", name: \'events\'')
    expect(out).toContain('workflows.workflow({description: "Exports and deletes.", name: \'deletion\'')
  })

  it('lets a spec’s own description win, and leaves non-doc comments, specs not written in place and other calls', () => {
    for (const src of [
      "/** Comment. */\nexport const a = cron('0 3 * * *', { name: 'a', description: 'own' }, fn)",
      "/* Not a doc comment. */\nexport const b = cron('0 3 * * *', { name: 'b' }, fn)",
      "// Not a doc comment.\nexport const c = consumer({ name: 'c', queue: 'q' }, fn)",
      "/** Comment. */\nexport const d = cron('0 3 * * *', spec, fn)",
      '/** Comment. */\nexport const e = workflow(spec, fn)',
      "/** Not a listed factory. */\nexport const f = queueConsumer({ name: 'f' }, fn)",
      "/** Not a listed factory. */\nexport const g = router({ prefix: '/g' })",
      "/** A let is not read. */\nlet h = cron('0 3 * * *', { name: 'h' }, fn)",
      "/** No spec. */\nexport const i = cron('0 3 * * *')",
    ])
      expect(withDocComments(src)).toBe(src)
  })

  it('does not take a nested description for the spec’s own', () => {
    const src =
      "/** Mine. */\nexport const w = workflow({ name: 'w', events: { go: v.pipe(v.object({}), v.description('go')) }, output: { description: 'x' } }, fn)"
    expect(withDocComments(src)).toContain('workflow({description: "Mine.", name')
  })

  it('finds an argument past nested calls, arrays, strings and comments holding commas and parentheses', () => {
    const src = "f(g(1, 2), [3, ','], ')', // a, b)\n { x: 1 }, { y: 2 })"
    expect(argumentOpen(src, 1, 3)).toBe(src.indexOf('{ x'))
    expect(argumentOpen(src, 1, 4)).toBe(src.indexOf('{ y'))
    expect(argumentOpen(src, 1, 0)).toBe(-1)
    expect(argumentOpen(src, 1, 5)).toBe(-1)
  })
})

describe('a declared credential scheme’s doc comment is its description', () => {
  it('copies the comment into the options of bearerJwt (type arguments too), apiKeyAuth and httpBasic', () => {
    const src = [
      '/**',
      ' * An access token from POST /auth/login',
      ' * @remarks',
      ' * HS256; the user is read on every request.',
      ' */',
      'export const bearer = bearerJwt<Principal<Env>>({ secret, principal: async (c) => load(c) })',
      '/** Created by an admin */',
      'export const keys = apiKeyAuth({ key: CurrentKey })',
      '/** The scraper */',
      "export const basic = auth.httpBasic({ realm: 'metrics', credentials: (env) => undefined })",
    ].join('\n')
    const out = withDocComments(src)
    expect(out).toContain('bearerJwt<Principal<Env>>({description: "An access token from POST /auth/login", secret')
    expect(out).toContain('apiKeyAuth({description: "Created by an admin", key')
    expect(out).toContain('auth.httpBasic({description: "The scraper", realm')
  })

  it('lets the options’ own description win, and leaves cookieSession (its own description states the CSRF rule)', () => {
    for (const src of [
      "/** Comment. */\nexport const a = httpBasic({ description: 'own', realm: 'r' })",
      '/** Comment. */\nexport const b = cookieSession<P>({ store })',
      '/** Comment. */\nexport const c = bearerJwt(options)',
      '// Not a doc comment.\nexport const d = apiKeyAuth({ key: K })',
    ])
      expect(withDocComments(src)).toBe(src)
  })
})

describe('a declared DTO’s doc comment is its description', () => {
  it('copies the comment into the options of dto and inputDto, the third argument, past entries written in place', () => {
    const src = [
      '/** The full view */',
      "export const UserRead = dto('UserRead', exclude(User.public, ['version', 'hash']), { examples: [user] })",
      '/**',
      ' * What signing up takes.',
      ' * @remarks',
      ' * Unknown fields are refused.',
      ' */',
      "export const UserCreate = inputDto('UserCreate', { ...include(User.fields, ['name', 'email']), password }, {",
      "  examples: [{ name: \"Ada, Countess\", email: 'ada@example.com', password: '{secret}' }],",
      '})',
    ].join('\n')
    const out = withDocComments(src)
    expect(out).toContain("'version', 'hash']), {description: \"The full view\", examples")
    expect(out).toContain('password }, {description: "What signing up takes.",\n  examples')
  })

  it('lets the options’ own description win, and leaves a DTO without options or with options not written in place', () => {
    for (const src of [
      "/** Comment. */\nexport const A = dto('A', entries, { description: 'own', examples: [] })",
      "/** Comment. */\nexport const B = dto('B', { id: Id, meta: { description: 'nested' } })",
      "/** Comment. */\nexport const C = inputDto('C', entries, meta)",
      "/* Not a doc comment. */\nexport const D = dto('D', entries, { examples: [] })",
      "/** Not a listed factory. */\nexport const E = titled('E', entries, { examples: [] })",
    ])
      expect(withDocComments(src)).toBe(src)
  })
})

describe('the core’s own sources', () => {
  it('hold no field doc comments: the package build copies handler comments into the core, not field ones', async () => {
    const { readdirSync, readFileSync } = await import('node:fs')
    const files = readdirSync('src/core', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))
    const described = files.filter((f) => {
      const src = readFileSync(`src/core/${f}`, 'utf8')
      return withFieldComments(src) !== src
    })
    // A field's description in the core is written as `v.description(...)`, which the package keeps.
    expect(described).toEqual([])
  })
})
