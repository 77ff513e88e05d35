import { randomBytes } from 'node:crypto'
import type { UserCtx } from '../../src/domain'
import { isObject } from '../storage/attachments'
import { deepFreeze, type Body, type Database } from '../storage/database'
import { writeDocs, type WriteResult } from '../storage/write'
import { hashPassword, PasswordVerifier, PBKDF2_ITERATIONS, type PasswordFields } from './passwords'

export const USER_PREFIX = 'org.couchdb.user:'
export const USERS_DB = '_users'
/** A server admin may also sign in to the app, as a coordinator. */
export const ADMIN_ROLES = ['_admin', 'coordinator', 'admin']

export interface UserDoc extends Partial<PasswordFields> {
  _id: string
  _rev?: string
  name: string
  type: 'user'
  roles: string[]
  /** Set by `user disable`: the account keeps its history but can no longer sign in. */
  disabled?: boolean
}

/** Accounts kept as CouchDB-shaped documents in the `_users` database. */
export class Users {
  readonly verifier = new PasswordVerifier()
  private readonly decoy = { password_scheme: 'pbkdf2', pbkdf2_prf: 'sha256', iterations: PBKDF2_ITERATIONS, salt: randomBytes(16).toString('hex'), derived_key: randomBytes(32).toString('hex') } as const

  constructor(readonly db: Database) {}

  get(name: string): UserDoc | undefined {
    // Read on every request (a changed role holds at once): two lookups in one read transaction.
    return this.db.read(() => {
      const row = this.db.getDoc(USER_PREFIX + name)
      if (!row || row.deleted)
        return undefined
      const body = this.db.getRevBody(row.id, row.winningRev)
      return body && { ...(body as Omit<UserDoc, '_id'>), _id: row.id, _rev: row.winningRev }
    })
  }

  /**
   * The account as `get` reads it, kept between requests while `_users` is unchanged (see
   * `Database.remember`): every request with a session cookie looks its account up, and a
   * disabled account or a changed role must still hold at the next request. Shared: do not modify.
   */
  forSession(name: string): Readonly<UserDoc> | undefined {
    return this.db.remember(`user:${name}`, () => deepFreeze(this.get(name)))
  }

  /** The account's context when `password` is right and the account usable, else null. */
  async authenticate(name: string, password: string): Promise<{ ctx: UserCtx, user: UserDoc } | null> {
    const user = this.get(name)
    if (!user || user.disabled === true) {
      // Hash anyway, so the time taken does not tell which account names exist.
      await this.verifier.verify(this.decoy, password)
      return null
    }
    if (!(await this.verifier.verify(user, password)))
      return null
    return { ctx: { name: user.name, roles: [...user.roles] }, user }
  }

  /** Writes a user document (hashing a `password` field first) with the server's own rights. */
  async save(doc: Body): Promise<WriteResult> {
    const prepared = await prepareUserDoc(doc)
    if (isRefusal(prepared))
      return prepared
    return writeDocs(this.db, [prepared], { newEdits: true, validate: () => null })[0]!
  }

  hasAdmin(): boolean {
    for (let since = 0; ;) {
      const rows = this.db.changes(since, 500)
      if (rows.length === 0)
        return false
      for (const row of rows) {
        const body = row.deleted ? undefined : this.db.getRevBody(row.id, row.winningRev)
        if (Array.isArray(body?.roles) && body.roles.includes('_admin') && body.disabled !== true)
          return true
      }
      since = rows[rows.length - 1]!.seq
    }
  }

  /**
   * Makes sure a server admin exists. With a password from the environment, that account gets that
   * password (the environment wins); without one, the first start creates an admin with a random
   * password and returns it, to be printed once.
   */
  async ensureAdmin(name: string, password: string | undefined): Promise<{ generated?: string }> {
    const existing = this.get(name)
    if (password !== undefined) {
      const ok = existing && existing.disabled !== true && ADMIN_ROLES.every(r => existing.roles.includes(r))
        && await this.verifier.verify(existing, password)
      if (!ok)
        await this.saveOrThrow({ ...existing, _id: USER_PREFIX + name, name, type: 'user', roles: mergeRoles(existing?.roles), password, disabled: false })
      return {}
    }
    if (this.hasAdmin())
      return {}
    const generated = randomBytes(18).toString('base64url')
    await this.saveOrThrow({ ...existing, _id: USER_PREFIX + name, name, type: 'user', roles: mergeRoles(existing?.roles), password: generated, disabled: false })
    return { generated }
  }

  private async saveOrThrow(doc: Body): Promise<void> {
    const result = await this.save(doc)
    if ('error' in result)
      throw new Error(`could not write the admin account: ${result.error}`)
  }
}

function mergeRoles(roles: readonly string[] = []): string[] {
  return [...new Set([...ADMIN_ROLES, ...roles])]
}

/**
 * Checks the shape CouchDB requires of a user document and replaces a plain `password` by its
 * hash, as CouchDB does on write: a clear password is never stored.
 */
export async function prepareUserDoc(doc: Body): Promise<Body | Refusal> {
  const id = typeof doc._id === 'string' ? doc._id : ''
  const refuse = (reason: string) => ({ id, error: 'forbidden', reason, status: 403 })
  if (doc._deleted === true)
    return doc
  if (!id.startsWith(USER_PREFIX))
    return refuse(`doc._id must be prefixed with "${USER_PREFIX}"`)
  if (doc.name !== id.slice(USER_PREFIX.length) || id.length === USER_PREFIX.length)
    return refuse('doc.name must match the id')
  if (doc.type !== 'user')
    return refuse('doc.type must be user')
  if (!Array.isArray(doc.roles) || !doc.roles.every(r => typeof r === 'string'))
    return refuse('doc.roles must be an array of strings')
  if (doc.password === undefined)
    return doc
  if (typeof doc.password !== 'string' || doc.password.length < 8 || doc.password.length > 1024)
    return { id, error: 'bad_request', reason: 'password must be a string of 8 to 1024 characters', status: 400 }
  const { password, ...rest } = doc
  return { ...rest, ...(await hashPassword(password)) }
}

export function isUserDoc(value: unknown): value is UserDoc {
  return isObject(value) && typeof value.name === 'string' && Array.isArray(value.roles)
}

type Refusal = Extract<WriteResult, { error: string }>

/** Whether `prepareUserDoc` refused the document (rather than returning it). */
export function isRefusal(value: Body | Refusal): value is Refusal {
  return 'status' in value && typeof value.status === 'number' && typeof value.error === 'string' && !('type' in value)
}
