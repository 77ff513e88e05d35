/**
 * Subject rights (access and erasure) for one resident, straight from the server: the tablet
 * holds only what its account replicates, so only the server can say "everything about this
 * person". These calls need the network; without it they fail with `offline`.
 */

/** One record that names the resident, with the database it lives in. */
export interface SubjectRecord {
  db: string
  kind: string
  doc: Record<string, unknown>
}

/** The server's export: the resident's own record and every record naming them. */
export interface SubjectExport {
  personId: string
  exportedAt: string
  person: Record<string, unknown> | null
  records: SubjectRecord[]
}

/** What an erasure changed, as the server reports it: counts only, never ids or names. */
export interface ErasureCounts {
  person: number
  anonymised: number
  rekeyed: number
  conflictsRemoved: number
}

export type PrivacyErrorCode = 'offline' | 'notFound' | 'forbidden' | 'server'

export class PrivacyError extends Error {
  constructor(readonly code: PrivacyErrorCode) {
    super(`subject request failed (${code})`)
  }
}

export interface PrivacyApi {
  /** The export as the server wrote it (`json`, for the download) and parsed (`data`, for the page). */
  find(personId: string): Promise<{ data: SubjectExport, json: string }>
  erase(personId: string): Promise<ErasureCounts>
}

function codeFor(status: number): PrivacyErrorCode {
  if (status === 404)
    return 'notFound'
  return status === 401 || status === 403 ? 'forbidden' : 'server'
}

export function createPrivacyApi(serverUrl: string, doFetch: typeof fetch): PrivacyApi {
  async function call(personId: string, method: 'GET' | 'DELETE'): Promise<string> {
    let res: Response
    try {
      res = await doFetch(`${serverUrl}/_digibalie/subjects/${encodeURIComponent(personId)}`, {
        method,
        credentials: 'include',
        headers: { Accept: 'application/json' },
        cache: 'no-store',
      })
    }
    catch {
      throw new PrivacyError('offline')
    }
    const text = await res.text()
    if (!res.ok)
      throw new PrivacyError(codeFor(res.status))
    return text
  }

  return {
    async find(personId) {
      const json = await call(personId, 'GET')
      return { data: JSON.parse(json) as SubjectExport, json }
    },
    async erase(personId) {
      const body = JSON.parse(await call(personId, 'DELETE')) as { erased: ErasureCounts }
      return body.erased
    },
  }
}
