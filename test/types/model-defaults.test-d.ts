import * as v from 'valibot'
import { describe, expectTypeOf, it } from 'vitest'
import { defineModel, include, inputDto, partial } from '../../src/core/data'

const Todo = defineModel({
  table: 'todos',
  fields: { id: v.number(), title: v.string(), done: v.boolean(), tags: v.array(v.string()), note: v.string() },
  generated: ['id'],
  defaults: { done: false, tags: [] },
})

describe("a model's default values type its input DTOs", () => {
  it('makes defaulted fields optional in the input and present in the output', () => {
    const Create = inputDto('TodoCreate', include(Todo.fields, ['title', 'done', 'tags']))
    type In = v.InferInput<typeof Create>
    type Out = v.InferOutput<typeof Create>
    expectTypeOf<In['done']>().toEqualTypeOf<boolean | undefined>()
    expectTypeOf<In['tags']>().toEqualTypeOf<string[] | undefined>()
    expectTypeOf<In['title']>().toEqualTypeOf<string>()
    expectTypeOf<Out['done']>().toEqualTypeOf<boolean>()
    expectTypeOf<Out['tags']>().toEqualTypeOf<string[]>()
    // @ts-expect-error title has no default: a typed body must carry it
    const body: In = { done: true }
    void body
    const Insert = inputDto('TodoInsert', include(Todo.insert, ['done']))
    expectTypeOf<v.InferOutput<typeof Insert>['done']>().toEqualTypeOf<boolean>()
  })

  it('leaves a patch without defaults, and other fields required', () => {
    const Patch = inputDto('TodoPatch', partial(include(Todo.fields, ['done'])))
    expectTypeOf<v.InferOutput<typeof Patch>['done']>().toEqualTypeOf<boolean | undefined>()
    const Note = inputDto('TodoNote', include(Todo.fields, ['note']))
    expectTypeOf<v.InferInput<typeof Note>['note']>().toEqualTypeOf<string>()
  })
})
