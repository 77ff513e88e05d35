import { adminClient } from '../deploy/couchdb/admin-client'
import type { DemoData } from './generate'

export interface LoadOptions {
  url: string
  user: string
  password: string
  /** Password given to every demo staff account. */
  staffPassword: string
  log?: (line: string) => void
}

const BATCH = 1000

/**
 * Writes a generated year into a running server through its CouchDB API, as an admin: staff
 * accounts into `_users`, records with `_bulk_docs`. The server checks every record with the same
 * domain rules as a tablet's, so demo data that loads is data the app accepts.
 */
export async function loadDemo(data: DemoData, opts: LoadOptions): Promise<Record<string, number>> {
  const log = opts.log ?? (() => {})
  const call = adminClient(opts.url, opts.user, opts.password)

  const residents = await call('GET', '/dgb-residents')
  if (residents.status !== 200)
    throw new Error(`the server answered ${residents.status} for dgb-residents: check the address and the admin credentials`)
  if ((residents.json as { doc_count?: number }).doc_count !== 0)
    throw new Error('this server already holds residents: demo data goes into a fresh server only')

  for (const account of data.accounts) {
    const id = `org.couchdb.user:${account.name}`
    const res = await call('PUT', `/_users/${encodeURIComponent(id)}`, { _id: id, name: account.name, password: opts.staffPassword, roles: account.roles, type: 'user' })
    if (res.status >= 300 && res.status !== 409)
      throw new Error(`could not create ${account.name}: ${res.status}`)
  }
  log(`${data.accounts.length} staff accounts`)

  const written: Record<string, number> = {}
  for (const [db, docs] of data.databases) {
    let ok = 0
    for (let i = 0; i < docs.length; i += BATCH) {
      const res = await call('POST', `/${db}/_bulk_docs`, { docs: docs.slice(i, i + BATCH) })
      if (res.status >= 300)
        throw new Error(`${db}: _bulk_docs answered ${res.status}`)
      const results = res.json as unknown as Array<{ ok?: boolean, error?: string, reason?: string, id: string }>
      const failed = results.filter(r => !r.ok)
      if (failed.length > 0)
        throw new Error(`${db}: ${failed.length} records refused, the first (${failed[0]!.id}): ${failed[0]!.error} ${failed[0]!.reason ?? ''}`)
      ok += results.length
    }
    written[db] = ok
    log(`${db}: ${ok} records`)
  }
  return written
}
