import { isStaffRole, municipalityRole, type MunicipalitySlug, type StaffRole, type TabletSeen } from '../../domain'

export type { TabletSeen } from '../../domain'

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
  /** A server admin's account: the server lets only admins change it, so the screen shows it read-only. */
  admin: boolean
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

/** The server's view of syncing: per account (what arrived) and per tablet (what tablets said). */
export interface SyncOverview {
  activity: TabletActivity[]
  reports: TabletSeen[]
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

/** Why the server refused an account change, as a code the screen words in the user's language. */
export type AccountProblem = 'adminAccount' | 'roleNotGrantable' | 'ownAccount' | 'notAllowed' | 'notDeleted' | 'changedMeanwhile' | 'offline' | 'unknown'

/**
 * The server's refusals (sync-server/auth/staff-accounts.ts and http/writes.ts) come as English
 * reasons, as CouchDB's do; each known one maps to a code so volunteers read it in Dutch.
 */
const REFUSALS: ReadonlyArray<[string, AccountProblem]> = [
  ['only server admins may change an admin account', 'adminAccount'],
  ['coordinators may grant only the roles', 'roleNotGrantable'],
  ['only admins may change roles or disable accounts', 'ownAccount'],
  ['only admins may create or change other accounts', 'notAllowed'],
  ['accounts are disabled, not deleted', 'notDeleted'],
]

export class AccountError extends Error {
  readonly problem: AccountProblem
  constructor(readonly status: number, readonly reason: string) {
    super(`account request failed (${status})`)
    this.problem = REFUSALS.find(([start]) => reason.startsWith(start))?.[1]
      ?? (status === 409 ? 'changedMeanwhile' : status === 401 || status === 403 ? 'notAllowed' : 'unknown')
  }
}

/** The problem behind any error of an account call; a failed fetch means the server was out of reach. */
export function accountProblem(err: unknown): AccountProblem {
  if (err instanceof AccountError)
    return err.problem
  return err instanceof TypeError ? 'offline' : 'unknown'
}

const SERVER_ADMIN_ROLES = ['_admin', 'admin']

function toAccount(doc: UserDoc): Account {
  return {
    name: doc.name,
    roles: doc.roles.filter(isStaffRole),
    municipalities: doc.roles.flatMap(r => (r.startsWith('m:') ? [r.slice(2) as MunicipalitySlug] : [])),
    disabled: doc.disabled === true,
    admin: doc.roles.some(r => SERVER_ADMIN_ROLES.includes(r)),
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

  /** The server's sync activity per account and the tablets' reports, or null when it keeps none. */
  async tablets(): Promise<SyncOverview | null> {
    try {
      const body = await this.call<{ tablets?: TabletActivity[], reports?: TabletSeen[] }>('/_digibalie/tablets')
      return { activity: body.tablets ?? [], reports: body.reports ?? [] }
    }
    catch (err) {
      if (err instanceof AccountError && (err.status === 404 || err.status === 400))
        return null
      throw err
    }
  }
}
