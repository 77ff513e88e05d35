import { describeDb, isCoordinator, type UserCtx } from './access'
import { HELP_SESSION_KIND, validateHelpSession } from './help-session'
import { describeIssues } from './validation'

/** A document as it arrives at the server: any JSON object. */
export type IncomingDoc = Record<string, unknown> & { _id: string, _deleted?: boolean }

/**
 * Decides whether `ctx` may write `doc` (replacing `previous`, the current winner, if any) into
 * database `dbName`. Returns `null` when allowed, or the reason for a 403 `forbidden`.
 * Pure: the server calls it on every write, and `deploy/couchdb` turns the same rules into a
 * `validate_doc_update` function.
 */
export function checkWrite(dbName: string, doc: IncomingDoc, previous: Record<string, unknown> | null, ctx: UserCtx): string | null {
  const db = describeDb(dbName)
  if (!db)
    return ctx.roles.includes('_admin') ? null : 'unknown database'
  if (doc._id.startsWith('_design/'))
    return ctx.roles.includes('_admin') || ctx.roles.includes('admin') ? null : 'only admins may change design documents'
  const coordinator = isCoordinator(ctx)

  if (doc._deleted === true) {
    if (coordinator)
      return null
    if (previous && previous.createdBy === ctx.name)
      return null
    return 'only the author or a coordinator may delete this record'
  }

  switch (db.kind) {
    case 'municipality': {
      if (doc.kind !== HELP_SESSION_KIND)
        return `record kind not allowed in this database`
      const result = validateHelpSession(doc)
      if (!result.ok)
        return `invalid help session: ${describeIssues(result.issues)}`
      if (result.value.municipality !== db.municipality)
        return 'record belongs to another municipality'
      if (!coordinator && result.value.createdBy !== ctx.name)
        return 'createdBy must be the signed-in account'
      if (!coordinator && previous && previous.createdBy !== ctx.name)
        return 'only the author or a coordinator may change this record'
      return null
    }
    case 'config':
      return coordinator ? null : 'only coordinators may change configuration'
    case 'residents':
    case 'lending':
      // Their record kinds arrive with the desk and lending features; until then only coordinators write.
      return coordinator ? null : 'record kind not allowed in this database'
  }
}
