import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { bundle } from '../../bench/bundle'
import { UNUSED_BY_HELLO, UNUSED_BY_ONE_ROUTE } from '../../bench/results'

describe('a hello app pays only for what it uses', () => {
  it('bundles no schema checking, trigger host, private-view check, router params helper, write answer, object schema, injector, disposer runner, deprecation dates, callback check or unmatched instrument', async () => {
    const hello = await bundle('bench/contenders/ours/hello-worker.ts', 'hello-test')
    const unused = hello.modules
      .map(([path]) => path)
      .filter((path) => UNUSED_BY_HELLO.test(path) || UNUSED_BY_ONE_ROUTE.test(path))
    expect(unused).toEqual([])
    const text = readFileSync(hello.file, 'utf8')
    // valibot's v.object (and the issue machinery it brings) is what merging router params used to bundle.
    expect(text).not.toContain('expects:"Object"')
    // What runs disposers comes with withCleanup, which a hello app never calls.
    expect(text).not.toContain('dependency cleanup failed')
    // What resolves dependencies comes with provide(): a hello app has no provider.
    expect(text).not.toContain('first resolved after the request ended')
    // The deprecation's date checks and headers come with deprecation(), which a hello app never calls; the check
    // that guards and providers read validated params, with guard() or provide() given params; the providers check
    // (di.ts), with provide().
    for (const module of [
      'deprecation',
      'callback',
      'instrument-unmatched',
      'define-instrument',
      'param-readers',
      'di',
    ])
      expect(hello.modules.map(([path]) => path)).not.toContain(`src/core/kernel/${module}.ts`)
    expect(text).not.toContain('rel="deprecation"')
    // Callbacks are checked where the document is generated, not by the Worker.
    expect(text).not.toContain('neither a URL nor a runtime expression')
    // The schemas' coercion, query and cookie parsing, problems and response check come with validation(), which a
    // hello app declaring no schema does not register.
    expect(text).not.toContain('is not a known field')
    expect(text).not.toContain('does not match its schema')
    expect(text).not.toContain('has more than')
    // Unmatched requests become instrument parts only through an instrumenting plugin's defineInstrument().
    expect(text).not.toContain('unmatched 404')
    // What checks the params guards and providers read comes with guard() or provide() given params.
    expect(text).not.toContain('reads the path parameter')
  })
})
