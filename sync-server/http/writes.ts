import { checkWrite, DB, mayRead, type DocLookup, type IncomingDoc } from '../../src/domain'
import { checkStaffAccountWrite, keepStoredPassword, managesAccounts } from '../auth/staff-accounts'
import { isRefusal, prepareUserDoc, USER_PREFIX, USERS_DB } from '../auth/users'
import type { Body, Database } from '../storage/database'
import { isObject } from '../storage/attachments'
import { isPurged } from '../storage/purge'
import { writeDocsGrouped, type Validator, type WriteResult } from '../storage/write'
import { isServerAdmin, requireDb, type Ctx } from './context'
import { forbidden, unauthorized } from './respond'

/**
 * The database for a write by the caller. Writing needs read access first (CouchDB's members);
 * in `_users` an account may also write its own document.
 */
export function requireWriter(ctx: Ctx, name: string, ids: readonly unknown[] = []): Database {
  const db = requireDb(ctx, name)
  if (mayRead(ctx.user, db.security))
    return db
  const own = name === USERS_DB && ctx.user.name !== null && ids.length > 0 && ids.every(id => id === USER_PREFIX + ctx.user.name)
  // Coordinators manage staff accounts; `checkUserWrite` decides per document what they may change.
  const staffAccounts = name === USERS_DB && managesAccounts(ctx.user) && ids.length > 0 && ids.every(id => typeof id === 'string' && id.startsWith(USER_PREFIX))
  if (own || staffAccounts)
    return db
  if (!ctx.user.name)
    throw unauthorized()
  throw forbidden('You are not allowed to access this db.')
}

/**
 * The write rules for this caller and database: the domain's, or the account rules of `_users`.
 * `batch` is the whole write, so a rule that looks at another document (the course of a mark) also
 * finds one that arrives in the same `_bulk_docs`.
 */
export function validatorFor(ctx: Ctx, db: Database, batch: readonly unknown[] = []): Validator {
  if (db.name === USERS_DB)
    return (doc, previous) => checkUserWrite(ctx, doc, previous)
  const lookup = lookupIn(db, batch)
  return (doc, previous) => checkWrite(db.name, doc as IncomingDoc, previous, ctx.user, lookup)
}

/**
 * Another document for the write rules: the stored winner first (a batch cannot rewrite a course
 * to let its own marks through), else one that arrives in this batch (a new course with its
 * sessions, pushed together).
 */
function lookupIn(db: Database, batch: readonly unknown[]): DocLookup {
  const incoming = new Map<string, Body>()
  for (const doc of batch) {
    if (typeof doc === 'object' && doc !== null && typeof (doc as Body)._id === 'string')
      incoming.set((doc as Body)._id as string, doc as Body)
  }
  return (id) => {
    const row = db.getDoc(id)
    if (row)
      return row.deleted ? null : db.getRevBody(id, row.winningRev) ?? null
    return incoming.get(id) ?? null
  }
}

function checkUserWrite(ctx: Ctx, doc: Body & { _id: string }, previous: Body | null): string | null {
  if (isServerAdmin(ctx.user))
    return null
  if (managesAccounts(ctx.user) && doc._id !== USER_PREFIX + ctx.user.name)
    return checkStaffAccountWrite(doc, previous)
  if (doc._id !== USER_PREFIX + ctx.user.name || !previous)
    return 'only admins may create or change other accounts'
  if (doc._deleted === true)
    return 'only admins may delete accounts'
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
  if (!same(doc.roles, previous.roles) || !same(doc.disabled, previous.disabled))
    return 'only admins may change roles or disable accounts'
  return null
}

/**
 * A tablet that was offline while a record expired or a resident was erased still holds the old
 * version; pushing it would bring the data back. Ids (and person ids) removed that way are refused.
 */
function removedReason(ctx: Ctx, db: Database, doc: Body): string | null {
  if (typeof doc._id === 'string' && isPurged(db, doc._id))
    return 'this record was removed (retention or erasure) and cannot be written again'
  const residents = typeof doc.personId === 'string' ? ctx.state.registry.get(DB.residents) : undefined
  if (residents && isPurged(residents, doc.personId as string))
    return 'the resident this record names was erased'
  return null
}

/** `removedReason` of each document (null where none is given), in one read of each database. */
function removedReasons(ctx: Ctx, db: Database, docs: readonly (Body | null)[]): (string | null)[] {
  // A replication checkpoint alone (every batch has one) has nothing to look up.
  if (docs.every(doc => doc === null))
    return docs.map(() => null)
  const residents = ctx.state.registry.get(DB.residents) ?? db
  return db.read(() => residents.read(() => docs.map(doc => (doc ? removedReason(ctx, db, doc) : null))))
}

/**
 * Whether a removed id or resident could matter: not for a server admin, and not for a `_local`
 * document (a checkpoint is never replicated, so it cannot bring a removed record back).
 */
function removable(ctx: Ctx, doc: unknown): Body | null {
  return isObject(doc) && !isServerAdmin(ctx.user) && !(typeof doc._id === 'string' && doc._id.startsWith('_local/')) ? doc : null
}

/**
 * Writes documents for the caller: refuses `_local/_security` to all but server admins (a
 * checkpoint by that name must never look like a security object), hashes passwords for `_users`,
 * then stores the rest in one transaction. Results keep the order of `docs`.
 */
export async function writeAs(ctx: Ctx, db: Database, docs: readonly unknown[], newEdits: boolean): Promise<WriteResult[]> {
  const results: (WriteResult | undefined)[] = Array.from({ length: docs.length })
  const pending: { doc: unknown, index: number }[] = []
  const removals = removedReasons(ctx, db, docs.map(doc => removable(ctx, doc)))
  for (let index = 0; index < docs.length; index++) {
    const doc = docs[index]
    const id = isObject(doc) ? doc._id : undefined
    if (id === '_local/_security' && !isServerAdmin(ctx.user)) {
      results[index] = { id, error: 'forbidden', reason: 'only server admins may write this document', status: 403 }
      continue
    }
    const removed = removals[index]
    if (removed) {
      results[index] = { ...(typeof id === 'string' ? { id } : {}), error: 'forbidden', reason: removed, status: 403 }
      continue
    }
    pending.push({ doc, index })
  }
  if (db.name === USERS_DB)
    await prepareUserDocs(ctx, pending, results)
  const account = ctx.user.name
  const batch = pending.map(p => p.doc)
  const written = await writeDocsGrouped(db, batch, {
    newEdits,
    validate: validatorFor(ctx, db, batch),
    onWritten: stored => ctx.state.journal.record(stored.map(w => ({
      account,
      db: db.name,
      id: w.id,
      rev: w.rev,
      kind: w.kind,
      action: w.deleted ? 'delete' : w.isUpdate ? 'update' : 'create',
    }))),
  })
  pending.forEach((p, k) => results[p.index] = written[k])
  noteSync(ctx, db, results as WriteResult[])
  return results as WriteResult[]
}

/**
 * Account documents: a plain `password` becomes its hash (refusals go to `results` and leave
 * `pending`). Apart so the write path of every other database has no wait in its loop.
 */
async function prepareUserDocs(ctx: Ctx, pending: { doc: unknown, index: number }[], results: (WriteResult | undefined)[]): Promise<void> {
  const kept: typeof pending = []
  for (const p of pending) {
    const userDoc = isObject(p.doc) && !String(p.doc._id).startsWith('_local/')
    const prepared = userDoc ? await prepareUserDoc(isServerAdmin(ctx.user) ? p.doc as Body : keepStoredPassword(p.doc as Body, ctx.state.users)) : p.doc
    if (typeof prepared === 'object' && prepared !== null && isRefusal(prepared as Body))
      results[p.index] = prepared as WriteResult
    else
      kept.push({ doc: prepared, index: p.index })
  }
  pending.splice(0, pending.length, ...kept)
}

/** For the tablets overview: documents this account pushed, and checkpoints it wrote. */
function noteSync(ctx: Ctx, db: Database, results: readonly WriteResult[]): void {
  if (!ctx.user.name || db.name === USERS_DB)
    return
  const ok = results.filter(r => 'ok' in r)
  const checkpoint = ok.some(r => r.id.startsWith('_local/'))
  const pushed = ok.length - ok.filter(r => r.id.startsWith('_local/')).length
  if (checkpoint || pushed > 0)
    ctx.state.journal.noteSync(ctx.user.name, db.name, pushed, checkpoint)
}
