import { describe, expect, it } from 'vitest'
import { operationIdFor } from '../../../src/core/kernel/operation-id'

describe('operationIdFor: method, then capitalised words of each segment', () => {
  it.each([
    ['GET', '/', 'getRoot'],
    ['GET', '', 'getRoot'],
    ['GET', '/users', 'getUsers'],
    ['GET', '/users/:id/posts', 'getUsersByIdPosts'],
    ['DELETE', '/posts/:postId/comments/:id', 'deletePostsByPostIdCommentsById'],
    ['POST', '/auth/log-out_all', 'postAuthLogOutAll'],
    ['PATCH', '/users/:user_id', 'patchUsersByUserId'],
    ['GET', '/files/*', 'getFiles'],
    ['GET', '/*', 'get'],
    ['GET', '/a:b/::x', 'getABByX'],
    ['PUT', '//v2//items2/', 'putV2Items2'],
    ['GET', '/openapi.json', 'getOpenapiJson'],
    ['GET', '/:', 'getBy'],
  ])('%s %s → %s', (method, path, id) => {
    expect(operationIdFor(method, path)).toBe(id)
  })
})
