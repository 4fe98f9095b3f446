// The widgets of README's tour: their schema and a repository over D1.
import { dependency, get, notFound } from 'edgestar'
import * as v from 'valibot'

const Id = v.pipe(v.number(), v.integer(), v.minValue(1))
const WidgetRead = v.object({ id: Id, name: v.string() })
type Widget = v.InferOutput<typeof WidgetRead>
class WidgetRepo {
  constructor(private readonly db: D1Database) {}
  get(id: number): Promise<Widget | null> {
    return this.db.prepare('SELECT id, name FROM widgets WHERE id = ?').bind(id).first<Widget>()
  }
}
