import type { Ctx } from '../http/context'
import { flag } from '../http/context'
import { HttpError, notFound, sendJson } from '../http/respond'
import { withoutSecrets } from './staff-accounts'
import { USER_PREFIX } from './users'

/**
 * `GET /_users/_all_docs` and `GET /_users/{id}` for a coordinator: the CouchDB answers, with every
 * password field left out. Anything else on `_users` (its changes feed, info, security) stays
 * for server admins, as `_security` says.
 */
export function readStaffAccounts(ctx: Ctx, what: string): void {
  const db = ctx.state.users.db
  if (what === '_all_docs') {
    const includeDocs = flag(ctx, 'include_docs')
    const ids = db.sql.prepare<[], { id: string }>('SELECT id FROM docs WHERE deleted = 0 ORDER BY id').all()
    const rows = ids.flatMap(({ id }) => {
      const row = db.getDoc(id)
      if (!row)
        return []
      const body = includeDocs ? db.getRevBody(row.id, row.winningRev) : undefined
      return [{ id, key: id, value: { rev: row.winningRev }, ...(includeDocs ? { doc: body ? withoutSecrets({ ...body, _id: id, _rev: row.winningRev }) : null } : {}) }]
    })
    sendJson(ctx.res, 200, { total_rows: rows.length, offset: 0, rows })
    return
  }
  if (!what.startsWith(USER_PREFIX) || [...ctx.url.searchParams.keys()].length > 0)
    throw new HttpError(400, 'bad_request', 'coordinators read account documents by id, without options')
  const user = ctx.state.users.get(what.slice(USER_PREFIX.length))
  if (!user)
    throw notFound()
  sendJson(ctx.res, 200, withoutSecrets({ ...user }), { ETag: `"${String(user._rev)}"` })
}
