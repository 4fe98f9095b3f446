/** A user as every contender stores and returns it. */
export interface User {
  id: number
  name: string
  email: string
}

// Bounded so a long benchmark of POST /users does not turn into a benchmark of the garbage collector.
const CAPACITY = 1000

/** The in-memory user map every contender uses, so the frameworks differ and the data work does not. */
export class UserStore {
  private readonly users = new Map<number, User>([[1, { id: 1, name: 'Ada Lovelace', email: 'ada@example.com' }]])
  private next = 2

  get(id: number): User | undefined {
    return this.users.get(id)
  }

  add(input: { name: string; email: string }): User {
    const user = { id: this.next++, name: input.name, email: input.email }
    this.users.set(user.id, user)
    if (this.users.size > CAPACITY) {
      for (const id of this.users.keys()) {
        if (id !== 1) {
          this.users.delete(id)
          break
        }
      }
    }
    return user
  }
}
