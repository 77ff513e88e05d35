import PouchDB from 'pouchdb-core'
import http from 'pouchdb-adapter-http'
import indexeddb from 'pouchdb-adapter-indexeddb'
import replication from 'pouchdb-replication'

// PouchDB is the source of truth on the device: every record is a document in a local database
// with the same name as its server database, so replication maps one to one.
const Pouch = PouchDB.plugin(indexeddb).plugin(http).plugin(replication)

export type Db = PouchDB.Database

export interface PouchOptions {
  /** Prefix of local database names; tests use it to keep devices apart in one IndexedDB. */
  localPrefix: string
  serverUrl: string
  fetch: typeof fetch
  /** Where the server's uuid is remembered between starts (see `PouchStore.fetchRemote`). */
  serverId?: ServerIdMemo
}

/** Device state holding the uuid the server last gave for `GET /`. */
export interface ServerIdMemo {
  get(): Promise<string | undefined>
  set(uuid: string): Promise<void>
}

/**
 * A local database on the IndexedDB adapter, named `<prefix><db name>`. `auto_compaction`: each
 * write drops the bodies of the revisions it replaces, so when the server erases a resident or
 * removes a note, the replicated change also removes the old text from this tablet.
 */
export function openLocalDb(localPrefix: string, name: string): Db {
  return new Pouch(localPrefix + name, { adapter: 'indexeddb', auto_compaction: true })
}

/** Opens each local database once and makes remote handles that carry the session cookie. */
export class PouchStore {
  private readonly locals = new Map<string, Db>()
  private serverUuid: string | undefined

  constructor(private readonly opts: PouchOptions) {}

  local(name: string): Db {
    let db = this.locals.get(name)
    if (!db) {
      db = openLocalDb(this.opts.localPrefix, name)
      this.locals.set(name, db)
    }
    return db
  }

  /**
   * The server database. `skip_setup`: a device never creates databases, the server provisions
   * them. Auth is the `AuthSession` cookie from `_session`, so every request includes credentials.
   */
  remote(name: string): Db {
    return new Pouch(`${this.opts.serverUrl}/${encodeURIComponent(name)}`, {
      adapter: 'http',
      skip_setup: true,
      fetch: (url, init) => this.fetchRemote(String(url), { ...init, credentials: 'include' }),
    })
  }

  /**
   * PouchDB names a replication (and so finds its checkpoint) after the server's uuid, read with
   * `GET /` at every start. When that one request fails, or something other than the server
   * answers it, PouchDB names the replication after the URL instead, finds no checkpoint and lists
   * the whole database again. So the uuid the server gave last is remembered on the device and
   * stands in for a failed answer; a server that answers always has the last word.
   */
  private async fetchRemote(url: string, init: RequestInit): Promise<Response> {
    const memo = this.opts.serverId
    if (!memo || url !== `${this.opts.serverUrl}/`)
      return this.opts.fetch(url, init)
    let failure: unknown
    try {
      const res = await this.opts.fetch(url, init)
      const uuid = res.ok ? await uuidOf(res.clone()) : undefined
      if (uuid) {
        if (uuid !== this.serverUuid)
          await memo.set(uuid)
        this.serverUuid = uuid
        return res
      }
      failure = res
    }
    catch (err) {
      failure = err
    }
    const known = this.serverUuid ?? await memo.get()
    if (known)
      return new Response(JSON.stringify({ uuid: known }), { headers: { 'Content-Type': 'application/json' } })
    if (failure instanceof Response)
      return failure
    throw failure
  }

  /** Deletes a local database from this device; a later `local(name)` opens a fresh, empty one. */
  async destroyLocal(name: string): Promise<void> {
    const db = this.locals.get(name) ?? openLocalDb(this.opts.localPrefix, name)
    this.locals.delete(name)
    await db.destroy()
  }

  async close(): Promise<void> {
    const dbs = [...this.locals.values()]
    this.locals.clear()
    await Promise.all(dbs.map(db => db.close()))
  }
}

async function uuidOf(res: Response): Promise<string | undefined> {
  try {
    const body = await res.json() as { uuid?: unknown }
    return typeof body.uuid === 'string' && body.uuid !== '' ? body.uuid : undefined
  }
  catch {
    return undefined
  }
}

/** PouchDB's "not found" error, the only one a lookup may swallow. */
export function isNotFound(err: unknown): boolean {
  return hasStatus(err, 404)
}

/** A put that lost to another revision of the document (409). */
export function isConflict(err: unknown): boolean {
  return hasStatus(err, 409)
}

function hasStatus(err: unknown, status: number): boolean {
  return typeof err === 'object' && err !== null && (err as { status?: number }).status === status
}
