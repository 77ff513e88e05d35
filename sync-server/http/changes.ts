import type { Database } from '../storage/database'
import { collect, parseQuery, type Change, type ChangesQuery } from './changes-query'
import { intParam, requireReader, type Ctx } from './context'
import { badRequest, HttpError, sendJson } from './respond'

/** `GET|POST /{db}/_changes`: normal, long-poll and continuous feeds. */
export async function changes(ctx: Ctx, dbName: string): Promise<void> {
  if (ctx.req.method !== 'GET' && ctx.req.method !== 'POST')
    throw new HttpError(405, 'method_not_allowed', 'Only GET,POST allowed', { Allow: 'GET,POST' })
  const db = requireReader(ctx, dbName)
  const feed = ctx.url.searchParams.get('feed') ?? 'normal'
  if (!['normal', 'longpoll', 'continuous'].includes(feed))
    throw badRequest('Supported feeds are normal, longpoll and continuous')
  const q = await parseQuery(ctx, db)
  if (feed === 'continuous')
    return wait(ctx, db, q, true)
  // The rows, any bodies a filter or `include_docs` reads, and `pending`: one read transaction.
  const first = db.read(() => {
    const found = collect(db, q, q.since, q.limit)
    const answer = feed === 'normal' || found.results.length > 0 || q.descending
    return { lastSeq: found.lastSeq, body: answer ? envelope(db, q, found.results, found.lastSeq) : undefined }
  })
  if (first.body) {
    sendJson(ctx.res, 200, first.body)
    return
  }
  return wait(ctx, db, { ...q, since: first.lastSeq }, false)
}

function envelope(db: Database, q: ChangesQuery, results: Change[], lastSeq: number) {
  return { results, last_seq: lastSeq, pending: q.descending ? 0 : db.countChangesSince(lastSeq) }
}

/**
 * Holds a long-poll (answered at the first matching change) or a continuous feed (one line per
 * change) open until `timeout`, sending a newline every `heartbeat` ms so proxies and clients
 * know it is alive. The number of feeds held open at once is bounded: past it, a 503 tells the
 * client to back off and retry, instead of letting idle feeds use up the server.
 */
async function wait(ctx: Ctx, db: Database, q: ChangesQuery, continuous: boolean): Promise<void> {
  const { state, res } = ctx
  if (state.waitingChanges >= state.limits.maxWaitingChanges)
    throw new HttpError(503, 'service_unavailable', 'Too many open changes feeds; retry later.', { 'Retry-After': '5' })
  const rawHeartbeat = ctx.url.searchParams.get('heartbeat')
  const heartbeat = rawHeartbeat === 'true' ? 60_000 : intParam(ctx, 'heartbeat', 0)
  const timeout = Math.min(intParam(ctx, 'timeout', state.limits.maxFeedMs) || state.limits.maxFeedMs, state.limits.maxFeedMs)

  state.waitingChanges += 1
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'must-revalidate' })
  let since = q.since
  let left = q.limit
  let done = false

  const writeLines = (results: Change[]) => {
    for (const change of results)
      res.write(JSON.stringify(change) + '\n')
  }

  await new Promise<void>((resolve) => {
    const finish = (results: Change[]) => {
      if (done)
        return
      done = true
      clearTimeout(timer)
      clearInterval(beat)
      db.changed.off('change', onChange)
      db.changed.off('close', onClose)
      state.closing.signal.removeEventListener('abort', onClose)
      res.off('close', onGone)
      state.waitingChanges -= 1
      if (!res.destroyed) {
        if (continuous)
          res.end(JSON.stringify({ last_seq: since }) + '\n')
        else
          res.end(JSON.stringify(envelope(db, q, results, since)) + '\n')
      }
      resolve()
    }
    const onChange = () => {
      const found = collect(db, q, since, left)
      since = found.lastSeq
      if (found.results.length === 0)
        return
      if (!continuous)
        return finish(found.results)
      writeLines(found.results)
      left -= found.results.length
      if (left <= 0)
        finish([])
    }
    const onClose = () => finish([])
    const onGone = () => finish([])
    const timer = setTimeout(onClose, timeout)
    const beat = setInterval(() => res.write('\n'), heartbeat > 0 ? Math.max(heartbeat, 1000) : 2 ** 30)
    db.changed.on('change', onChange)
    db.changed.once('close', onClose)
    state.closing.signal.addEventListener('abort', onClose, { once: true })
    res.once('close', onGone)
    if (continuous)
      onChange()
  })
}
