import { isCoordinator, validateTabletReport } from '../../src/domain'
import { eraseSubject, findSubject, PERSON_ID } from '../admin/subject'
import { bodyOf, intParam, type Ctx } from './context'
import { badRequest, forbidden, HttpError, notFound, sendJson, unauthorized } from './respond'

/** Digibalie's own endpoints are for coordinators (and server admins) only. */
export function requireCoordinator(ctx: Ctx): void {
  if (!ctx.user.name)
    throw unauthorized('Sign in as a coordinator.')
  if (!isCoordinator(ctx.user))
    throw forbidden('Only coordinators may use this.')
}

function requireMethod(ctx: Ctx, ...allowed: string[]): void {
  if (!allowed.includes(ctx.req.method ?? 'GET'))
    throw new HttpError(405, 'method_not_allowed', `Only ${allowed.join(',')} allowed`, { Allow: allowed.join(',') })
}

/** An optional text filter of the audit query: absent, or 1 to `max` characters. */
function textParam(ctx: Ctx, name: string, max: number, pattern?: RegExp): string | undefined {
  const value = ctx.url.searchParams.get(name) ?? undefined
  if (value !== undefined && (value.length === 0 || value.length > max || (pattern && !pattern.test(value))))
    throw badRequest(`${name} is not valid`)
  return value
}

const DAY_OR_TIME = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/

/**
 * `GET /_digibalie/audit?since=&limit=&db=&account=&kind=&from=&to=`: the audit trail after
 * sequence `since`, oldest first, at most `limit` (default 100, at most 1,000) entries, filtered
 * by database, account, record kind and time (`from`/`to`: a day or an ISO time, UTC). With
 * `before=<seq>` (or `before=` empty for the newest) it pages newest first instead, for the
 * coordinators' screen: the next page is `before=<last seq>`.
 */
function audit(ctx: Ctx): void {
  requireMethod(ctx, 'GET', 'HEAD')
  const since = intParam(ctx, 'since', 0)
  const limit = Math.min(Math.max(intParam(ctx, 'limit', 100), 1), 1000)
  const newestFirst = ctx.url.searchParams.has('before')
  const before = newestFirst ? intParam(ctx, 'before', Number.MAX_SAFE_INTEGER) : undefined
  const entries = ctx.state.journal.entries({
    since, before, limit, newestFirst,
    db: textParam(ctx, 'db', 238),
    account: textParam(ctx, 'account', 64),
    kind: textParam(ctx, 'kind', 40),
    from: textParam(ctx, 'from', 30, DAY_OR_TIME),
    to: textParam(ctx, 'to', 30, DAY_OR_TIME),
  })
  sendJson(ctx.res, 200, { entries, last_seq: entries.at(-1)?.seq ?? since })
}

/**
 * `GET /_digibalie/tablets`: per account, when it last synced, what it pushed, which databases;
 * and `reports`, the last word of each tablet (name, location, unsynced count, last sync).
 */
function tablets(ctx: Ctx): void {
  requireMethod(ctx, 'GET', 'HEAD')
  sendJson(ctx.res, 200, { tablets: ctx.state.journal.tablets(), reports: ctx.state.journal.tabletReports() })
}

/**
 * `PUT /_digibalie/tablets/{tabletId}`: a tablet's report about itself (`TabletReport`), sent by
 * whoever it syncs as, so every signed-in account may send one; the account comes from the
 * session, never from the body. Only counts, times, its name and location: no records.
 */
async function reportTablet(ctx: Ctx, tabletId: string): Promise<void> {
  requireMethod(ctx, 'PUT')
  const body = await bodyOf(ctx)
  const checked = validateTabletReport(body)
  if (!checked.ok)
    throw badRequest(`invalid tablet report: ${checked.issues.map(i => i.path).join(', ')}`)
  if (checked.value.tabletId !== tabletId)
    throw badRequest('the tablet id in the path and the body differ')
  ctx.state.journal.reportTablet({ ...checked.value, account: ctx.user.name! })
  sendJson(ctx.res, 200, { ok: true })
}

/**
 * `GET /_digibalie/subjects/{personId}`: everything about one resident as a JSON download (their
 * record and every record naming them, with its database). `DELETE` erases them (see
 * `eraseSubject`) and answers with counts only.
 */
function subjects(ctx: Ctx, rest: string[]): void {
  requireMethod(ctx, 'GET', 'HEAD', 'DELETE')
  const personId = rest.join('/')
  if (rest.length !== 1 || !PERSON_ID.test(personId))
    throw badRequest('expected /_digibalie/subjects/person:<id>')
  const { registry, journal } = ctx.state
  if (ctx.req.method === 'DELETE') {
    const found = findSubject(registry, personId)
    if (!found.person && found.records.length === 0)
      throw notFound('no records name this person')
    const erased = eraseSubject(registry, journal, personId, ctx.user.name!)
    for (const name of registry.names())
      registry.get(name)?.notify()
    sendJson(ctx.res, 200, { ok: true, erased })
    return
  }
  const { person, records } = findSubject(registry, personId)
  if (!person && records.length === 0)
    throw notFound('no records name this person')
  const exportDoc = {
    personId,
    exportedAt: new Date().toISOString(),
    person: person?.doc ?? null,
    records: records.map(r => ({ db: r.db, kind: r.kind, doc: r.doc })),
  }
  sendJson(ctx.res, 200, exportDoc, { 'Content-Disposition': `attachment; filename="digibalie-${personId.replace(':', '-')}.json"` })
}

const ENDPOINTS: Record<string, (ctx: Ctx, rest: string[]) => Promise<void> | void> = {
  audit,
  tablets,
  subjects,
}

export async function digibalie(ctx: Ctx, path: string[]): Promise<void> {
  const [name, ...rest] = path
  const endpoint = name !== undefined ? ENDPOINTS[name] : undefined
  ctx.route = `/_digibalie/${endpoint ? name! : '?'}`
  if (name === 'tablets' && rest.length === 1) {
    if (!ctx.user.name)
      throw unauthorized('Sign in first.')
    return reportTablet(ctx, rest[0]!)
  }
  requireCoordinator(ctx)
  if (!endpoint)
    throw notFound()
  return endpoint(ctx, rest)
}
