import { describe, expect, it } from 'vitest'
import { commentSummary, commentText, withDocComments } from '../../scripts/doc-comments.mjs'

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
