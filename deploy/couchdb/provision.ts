/**
 * Sets up an Apache CouchDB 3.x server or cluster the way the sync-server sets itself up: every
 * database of a Digibank, its `_security`, the `validate_doc_update` design document generated from
 * the domain's write rules, and optionally the first coordinator. Safe to run again: it updates
 * what exists. Usage:
 *   COUCHDB_URL=https://couch.example:5984 COUCHDB_USER=admin COUCHDB_PASSWORD=... \
 *   [COORDINATOR_USER=... COORDINATOR_PASSWORD=...] npm run provision:couchdb
 */
import { allDatabases, securityFor } from '../../src/domain'
import { adminClient } from './admin-client'
import { designDocument } from './validate-function'

export interface ProvisionOptions {
  url: string
  user: string
  password: string
  coordinator?: { name: string, password: string }
  log?: (line: string) => void
}

export async function provision(opts: ProvisionOptions): Promise<void> {
  const log = opts.log ?? (() => {})
  const call = adminClient(opts.url, opts.user, opts.password)
  const expectOk = (what: string, r: { status: number, json: Record<string, unknown> }) => {
    if (r.status >= 300)
      throw new Error(`${what}: ${r.status} ${String(r.json.error)} ${String(r.json.reason ?? '')}`)
  }

  for (const db of ['_users', ...allDatabases()]) {
    const created = await call('PUT', `/${db}`)
    if (created.status !== 412)
      expectOk(`create ${db}`, created)
    log(`${db}: ${created.status === 412 ? 'exists' : 'created'}`)
  }

  const design = designDocument()
  for (const db of allDatabases()) {
    expectOk(`_security of ${db}`, await call('PUT', `/${db}/_security`, securityFor(db)))
    const current = await call('GET', `/${db}/${design._id}`)
    const rev = current.status === 200 ? { _rev: current.json._rev } : {}
    expectOk(`design document of ${db}`, await call('PUT', `/${db}/${design._id}`, { ...design, ...rev }))
    log(`${db}: _security and write rules set`)
  }

  if (opts.coordinator) {
    const id = `org.couchdb.user:${opts.coordinator.name}`
    const current = await call('GET', `/_users/${encodeURIComponent(id)}`)
    const rev = current.status === 200 ? { _rev: current.json._rev } : {}
    expectOk('coordinator account', await call('PUT', `/_users/${encodeURIComponent(id)}`, {
      _id: id,
      name: opts.coordinator.name,
      password: opts.coordinator.password,
      roles: ['coordinator'],
      type: 'user',
      ...rev,
    }))
    log(`coordinator ${opts.coordinator.name}: ready`)
  }
}

async function main(): Promise<void> {
  const url = process.env.COUCHDB_URL
  const user = process.env.COUCHDB_USER
  const password = process.env.COUCHDB_PASSWORD
  if (!url || !user || !password) {
    console.error('Set COUCHDB_URL, COUCHDB_USER and COUCHDB_PASSWORD (a server admin).')
    process.exit(2)
  }
  const coordinator = process.env.COORDINATOR_USER && process.env.COORDINATOR_PASSWORD
    ? { name: process.env.COORDINATOR_USER, password: process.env.COORDINATOR_PASSWORD }
    : undefined
  await provision({ url, user, password, ...(coordinator ? { coordinator } : {}), log: line => console.log(line) })
}

if (import.meta.url === `file://${process.argv[1]}`)
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  })
