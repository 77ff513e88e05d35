import { vi } from 'vitest'
import { PouchStore, type Db } from '../../../src/data/pouch'

type Method = (...args: unknown[]) => unknown

/**
 * Every local database opened through a `PouchStore` from now on has the calls named in `methods`
 * go through `replace` (given the real, bound method and the database's name); everything else
 * uses the real database. For a fault or a hold in one PouchDB call. Undone by `vi.restoreAllMocks`.
 */
export function interceptLocalDbs(methods: readonly string[], replace: (real: Method, dbName: string) => Method): void {
  const local = PouchStore.prototype.local
  vi.spyOn(PouchStore.prototype, 'local').mockImplementation(function (this: PouchStore, name: string) {
    const db = local.call(this, name)
    return new Proxy(db, {
      get: (target, key) => {
        const value = Reflect.get(target, key) as unknown
        if (typeof value !== 'function')
          return value
        const bound = (value as Method).bind(target)
        return typeof key === 'string' && methods.includes(key) ? replace(bound, name) : bound
      },
    }) as Db
  })
}

/**
 * Notes the name of the table on each call of `method` on any Dexie table of any database (they
 * all share the prototype that defines it), e.g. to see what the data layer's own instance reads.
 */
export function watchTableCalls(anyTable: object, method: 'toArray' | 'bulkPut' | 'count'): string[] {
  let proto = anyTable
  while (!Object.prototype.hasOwnProperty.call(proto, method))
    proto = Object.getPrototypeOf(proto) as object
  const owner = proto as Record<typeof method, Method>
  const real = owner[method]
  const calls: string[] = []
  vi.spyOn(owner, method).mockImplementation(function (this: { name: string }, ...args: unknown[]) {
    calls.push(this.name)
    return real.apply(this, args)
  })
  return calls
}
