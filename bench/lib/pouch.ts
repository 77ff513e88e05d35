import PouchDB from 'pouchdb-core'
import HttpAdapter from 'pouchdb-adapter-http'
import MemoryAdapter from 'pouchdb-adapter-memory'
import Replication from 'pouchdb-replication'
import type { BenchServer } from './servers'

// The client is PouchDB 9, as on the tablets; the memory adapter keeps the client's own storage out
// of the figures, so what is measured is the server and the wire.
PouchDB.plugin(MemoryAdapter).plugin(HttpAdapter).plugin(Replication)

let n = 0

export function localDb(label: string): PouchDB.Database {
  n += 1
  return new PouchDB(`bench-${label}-${n}-${process.pid}`, { adapter: 'memory' })
}

export function remoteDb(server: BenchServer, db: string, fetchFn?: typeof fetch): PouchDB.Database {
  return new PouchDB(`${server.url}/${db}`, { adapter: 'http', skip_setup: true, ...fetchFn ? { fetch: fetchFn } : {}, ...server.auth ? { auth: server.auth } : {} })
}

export { PouchDB }
