import { isStaffRole, municipalityRole, type MunicipalitySlug, type StaffRole } from '../../domain'

/**
 * Staff accounts, kept by the server as `_users` documents (`org.couchdb.user:<name>`), as on
 * CouchDB. Coordinators create them with a role and municipalities, reset passwords and disable
 * them; the server refuses server-admin roles and a coordinator changing their own roles.
 */
export const ASSIGNABLE_ROLES = ['volunteer', 'trainer', 'lender', 'coordinator'] as const satisfies readonly StaffRole[]
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number]

export interface Account {
  name: string
  roles: StaffRole[]
  municipalities: MunicipalitySlug[]
  disabled: boolean
}

export interface AccountInput {
  name: string
  roles: AssignableRole[]
  municipalities: MunicipalitySlug[]
}

/** What the server knows of one account's syncing: last sync, records pushed, per database. */
export interface TabletActivity {
  account: string
  lastSyncAt: string
  docsPushed: number
  databases: Array<{ db: string, lastCheckpointAt: string | null }>
}

interface UserDoc {
  _id: string
  _rev?: string
  name: string
  type: 'user'
  roles: string[]
  disabled?: boolean
  password?: string
}

const PREFIX = 'org.couchdb.user:'

export class AccountError extends Error {
  constructor(readonly status: number, readonly reason: string) {
    super(`account request failed (${status})`)
  }
}

function toAccount(doc: UserDoc): Account {
  return {
    name: doc.name,
    roles: doc.roles.filter(isStaffRole),
    municipalities: doc.roles.flatMap(r => (r.startsWith('m:') ? [r.slice(2) as MunicipalitySlug] : [])),
    disabled: doc.disabled === true,
  }
}

export class AccountsClient {
  constructor(private readonly serverUrl: string, private readonly doFetch: typeof fetch) {}

  private async call<T>(path: string, init: RequestInit = {}): Promise<T> {
    const res = await this.doFetch(`${this.serverUrl}${path}`, { ...init, credentials: 'include', headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' } })
    const body = await res.json().catch(() => ({})) as { reason?: string }
    if (!res.ok)
      throw new AccountError(res.status, body.reason ?? '')
    return body as T
  }

  async list(): Promise<Account[]> {
    const all = await this.call<{ rows: Array<{ doc?: UserDoc }> }>('/_users/_all_docs?include_docs=true')
    return all.rows.flatMap(r => (r.doc?.type === 'user' ? [toAccount(r.doc)] : [])).sort((a, b) => a.name.localeCompare(b.name))
  }

  private get(name: string): Promise<UserDoc> {
    return this.call<UserDoc>(`/_users/${encodeURIComponent(PREFIX + name)}`)
  }

  private put(doc: UserDoc): Promise<unknown> {
    return this.call(`/_users/${encodeURIComponent(doc._id)}`, { method: 'PUT', body: JSON.stringify(doc) })
  }

  create(input: AccountInput, password: string): Promise<unknown> {
    return this.put({ _id: PREFIX + input.name, name: input.name, type: 'user', roles: [...input.roles, ...input.municipalities.map(municipalityRole)], password })
  }

  async update(input: AccountInput): Promise<void> {
    const doc = await this.get(input.name)
    // Roles this screen does not manage (e.g. a server admin's) stay as they are.
    const kept = doc.roles.filter(r => !isStaffRole(r) && !r.startsWith('m:'))
    await this.put({ ...doc, roles: [...kept, ...input.roles, ...input.municipalities.map(municipalityRole)] })
  }

  async resetPassword(name: string, password: string): Promise<void> {
    await this.put({ ...await this.get(name), password })
  }

  async setDisabled(name: string, disabled: boolean): Promise<void> {
    await this.put({ ...await this.get(name), disabled })
  }

  /** The server's sync activity per account, or null when this server does not report it. */
  async tablets(): Promise<TabletActivity[] | null> {
    try {
      const body = await this.call<{ tablets?: TabletActivity[] } | TabletActivity[]>('/_digibalie/tablets')
      return Array.isArray(body) ? body : body.tablets ?? []
    }
    catch (err) {
      if (err instanceof AccountError && (err.status === 404 || err.status === 400))
        return null
      throw err
    }
  }
}
