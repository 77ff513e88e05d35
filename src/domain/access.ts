import { isMunicipalitySlug, MUNICIPALITY_SLUGS, type MunicipalitySlug } from './municipalities'

/**
 * Who may read and write what. Reading is decided per database (CouchDB `_security`), so the same
 * rules hold on our sync-server and on an Apache CouchDB cluster; writing is decided per document
 * by `write-rules.ts`, enforced by the server on every write.
 */
export const STAFF_ROLES = ['volunteer', 'trainer', 'lender', 'coordinator', 'admin'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

/** CouchDB role that scopes an account to one municipality: `m:arendonk`. */
export function municipalityRole(slug: MunicipalitySlug): string {
  return `m:${slug}`
}

/** What CouchDB calls the user context: the signed-in name and its roles. */
export interface UserCtx {
  name: string | null
  roles: readonly string[]
}

export interface StaffProfile {
  name: string
  roles: StaffRole[]
  municipalities: MunicipalitySlug[]
}

export function isStaffRole(role: string): role is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(role)
}

/** Coordinators and server admins see and may change everything. */
export function isCoordinator(ctx: UserCtx): boolean {
  return ctx.roles.includes('coordinator') || ctx.roles.includes('admin') || ctx.roles.includes('_admin')
}

export function profileFromCtx(ctx: UserCtx): StaffProfile | null {
  if (!ctx.name)
    return null
  const roles = ctx.roles.filter(isStaffRole)
  if (ctx.roles.includes('_admin') && !roles.includes('admin'))
    roles.push('admin')
  const municipalities = isCoordinator(ctx)
    ? [...MUNICIPALITY_SLUGS]
    : ctx.roles.flatMap((r) => {
        const slug = r.startsWith('m:') ? r.slice(2) : ''
        return isMunicipalitySlug(slug) ? [slug] : []
      })
  return { name: ctx.name, roles, municipalities }
}

export const DB = {
  config: 'dgb-config',
  residents: 'dgb-residents',
  lending: 'dgb-lending',
  municipality: (slug: MunicipalitySlug) => `dgb-m-${slug}`,
} as const

export type DbKind = 'config' | 'residents' | 'lending' | 'municipality'

export interface DbInfo {
  kind: DbKind
  municipality?: MunicipalitySlug
}

export function describeDb(name: string): DbInfo | null {
  if (name === DB.config)
    return { kind: 'config' }
  if (name === DB.residents)
    return { kind: 'residents' }
  if (name === DB.lending)
    return { kind: 'lending' }
  const slug = name.startsWith('dgb-m-') ? name.slice('dgb-m-'.length) : ''
  return isMunicipalitySlug(slug) ? { kind: 'municipality', municipality: slug } : null
}

/** Every database of a Digibank, for provisioning. */
export function allDatabases(): string[] {
  return [DB.config, DB.residents, DB.lending, ...MUNICIPALITY_SLUGS.map(DB.municipality)]
}

export interface SecurityObject {
  admins: { names: string[], roles: string[] }
  members: { names: string[], roles: string[] }
}

/** The `_security` object of each database: who may read it. */
export function securityFor(name: string): SecurityObject | null {
  const info = describeDb(name)
  if (!info)
    return null
  const admins = { names: [], roles: ['admin'] }
  switch (info.kind) {
    case 'config':
      return { admins, members: { names: [], roles: ['volunteer', 'trainer', 'lender', 'coordinator'] } }
    case 'residents':
      return { admins, members: { names: [], roles: ['volunteer', 'trainer', 'lender', 'coordinator'] } }
    case 'lending':
      return { admins, members: { names: [], roles: ['lender', 'coordinator'] } }
    case 'municipality':
      return { admins, members: { names: [], roles: [municipalityRole(info.municipality!), 'coordinator'] } }
  }
}

/** Whether a user context passes a `_security` object's members or admins, as CouchDB decides it. */
export function mayRead(ctx: UserCtx, security: SecurityObject): boolean {
  if (ctx.roles.includes('_admin'))
    return true
  if (!ctx.name)
    return false
  const lists = [security.admins, security.members]
  const anyMembers = security.members.names.length > 0 || security.members.roles.length > 0
  if (!anyMembers)
    return true
  return lists.some(l => l.names.includes(ctx.name!) || l.roles.some(r => ctx.roles.includes(r)))
}

/**
 * The databases a tablet replicates for this account (local name = remote name): exactly what the
 * account may read, so changing an account's roles or municipalities changes what the tablet holds.
 */
export function databasesFor(profile: StaffProfile): string[] {
  const ctx: UserCtx = { name: profile.name, roles: [...profile.roles, ...profile.municipalities.map(municipalityRole)] }
  return allDatabases().filter(db => mayRead(ctx, securityFor(db)!))
}
