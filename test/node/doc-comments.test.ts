import { describe, expect, it } from 'vitest'
import { commentText, withDocComments } from '../../scripts/doc-comments.mjs'

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
