import type { AuditEntry } from '../domain'

/**
 * The server's audit trail for coordinators: who changed which record and when, never what it
 * says. It lives only on the server, so reading it needs the network; without it calls fail with
 * `offline`.
 */

export type { AuditEntry }

/** What to look for; days are the coordinator's local calendar days (`YYYY-MM-DD`), both included. */
export interface AuditFilter {
  account?: string
  db?: string
  kind?: string
  fromDay?: string
  toDay?: string
}

/** A page, newest first; `next` is the cursor of the page after it (older), or null at the end. */
export interface AuditPage {
  entries: AuditEntry[]
  next: number | null
}

export type AuditErrorCode = 'offline' | 'forbidden' | 'server'

export class AuditError extends Error {
  constructor(readonly code: AuditErrorCode) {
    super(`audit request failed (${code})`)
  }
}

export interface AuditApi {
  /** `pageSize` entries before cursor `before` (the newest when absent). */
  page(filter: AuditFilter, before?: number, pageSize?: number): Promise<AuditPage>
}

/** The start of a local calendar day as a UTC time, the form the server compares with. */
function startOfDay(day: string, offsetDays = 0): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return new Date(y, m - 1, d + offsetDays).toISOString()
}

function queryFor(filter: AuditFilter, before: number | undefined, pageSize: number): URLSearchParams {
  const q = new URLSearchParams({ before: before === undefined ? '' : String(before), limit: String(pageSize + 1) })
  const set = (name: string, value: string | undefined) => value && q.set(name, value)
  set('account', filter.account?.trim())
  set('db', filter.db)
  set('kind', filter.kind)
  set('from', filter.fromDay && startOfDay(filter.fromDay))
  // The server's `to` is exclusive: the start of the day after the last one asked for.
  set('to', filter.toDay && startOfDay(filter.toDay, 1))
  return q
}

export function createAuditApi(serverUrl: string, doFetch: typeof fetch): AuditApi {
  return {
    async page(filter, before, pageSize = 50) {
      let res: Response
      try {
        res = await doFetch(`${serverUrl}/_digibalie/audit?${queryFor(filter, before, pageSize).toString()}`, {
          credentials: 'include',
          headers: { Accept: 'application/json' },
          cache: 'no-store',
        })
      }
      catch {
        throw new AuditError('offline')
      }
      if (!res.ok)
        throw new AuditError(res.status === 401 || res.status === 403 ? 'forbidden' : 'server')
      // One more than a page is asked for, so the screen knows whether an older page exists.
      const { entries } = await res.json() as { entries: AuditEntry[] }
      const shown = entries.slice(0, pageSize)
      return { entries: shown, next: entries.length > pageSize ? shown.at(-1)!.seq : null }
    },
  }
}
