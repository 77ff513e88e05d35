import { afterAll, beforeAll } from 'vitest'
import { ReadModel, type SessionRecord } from '../../../src/data/read-model'

/**
 * A read model holding generated help-session rows for the tests of one file, in Brussels time
 * (so a local day and a UTC day differ). `prepare` adds what else the file needs, e.g. outbox entries.
 */
export function generatedSessions(make: () => SessionRecord[], prepare?: (rm: ReadModel, rows: SessionRecord[]) => Promise<void>): { readonly rm: ReadModel, readonly rows: SessionRecord[] } {
  const savedTz = process.env.TZ
  let rm: ReadModel | null = null
  let rows: SessionRecord[] = []
  beforeAll(async () => {
    process.env.TZ = 'Europe/Brussels'
    rows = make()
    rm = new ReadModel(`generated-${Math.random().toString(36).slice(2)}`)
    await rm.sessions.bulkPut(rows)
    await prepare?.(rm, rows)
  })
  afterAll(() => {
    rm?.close()
    process.env.TZ = savedTz
  })
  return {
    get rm() {
      if (!rm)
        throw new Error('the generated read model is made in beforeAll')
      return rm
    },
    get rows() {
      return rows
    },
  }
}
