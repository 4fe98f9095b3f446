// docs/data.md's DTO block: the reference API's user model and password rule.
import { dto, exclude, include, inputDto, partial } from 'edgestar/data'
import * as v from 'valibot'
import { User } from '../src/app/users/model'

const Password = v.pipe(v.string(), v.minLength(8), v.maxLength(200))
