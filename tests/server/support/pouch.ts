import PouchDB from 'pouchdb-core'
import HttpAdapter from 'pouchdb-adapter-http'
import MemoryAdapter from 'pouchdb-adapter-memory'
import Replication from 'pouchdb-replication'
import type { Credentials } from './http'

PouchDB.plugin(MemoryAdapter).plugin(HttpAdapter).plugin(Replication)

let n = 0

/** A fresh in-memory PouchDB, as a tablet's local database would be. */
export function localDb(label = 'local'): PouchDB.Database {
  n += 1
  return new PouchDB(`${label}-${n}-${Math.random().toString(36).slice(2)}`, { adapter: 'memory' })
}

/** A PouchDB handle on a server database, with Basic credentials. */
export function remoteDb(base: string, db: string, auth?: Credentials): PouchDB.Database {
  return new PouchDB(`${base}/${db}`, { adapter: 'http', skip_setup: true, ...(auth ? { auth: { username: auth.name, password: auth.password } } : {}) })
}

export { PouchDB }
