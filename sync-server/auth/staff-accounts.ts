import { isCoordinator, isMunicipalitySlug, type UserCtx } from '../../src/domain'
import type { Body } from '../storage/database'
import type { Users } from './users'
import { USER_PREFIX } from './users'

/**
 * What a coordinator (who is not a server admin) may do with staff accounts in `_users`: read them
 * without their password hashes, create and update accounts that carry staff roles and municipality
 * scopes, reset passwords and disable accounts. Server-admin roles stay out of their reach, and so do
 * server admins' own accounts, so a coordinator can neither promote anyone to admin nor lock the
 * admin out. Their own roles and their own `disabled` flag follow the rule for every account: only
 * an admin changes them.
 */
export const GRANTABLE_ROLES: readonly string[] = ['volunteer', 'trainer', 'lender', 'coordinator']
const ADMIN_ROLES_OF_SERVER = ['_admin', 'admin']
const SECRET_FIELDS = ['password', 'password_scheme', 'pbkdf2_prf', 'iterations', 'salt', 'derived_key'] as const

export function managesAccounts(user: UserCtx): boolean {
  return user.name !== null && isCoordinator(user) && !user.roles.includes('_admin')
}

function isGrantable(role: unknown): boolean {
  if (typeof role !== 'string')
    return false
  return GRANTABLE_ROLES.includes(role) || (role.startsWith('m:') && isMunicipalitySlug(role.slice(2)))
}

/** A user document as a coordinator may see it: everything but the password and its hash. */
export function withoutSecrets<T extends Record<string, unknown>>(doc: T): Omit<T, (typeof SECRET_FIELDS)[number]> {
  const copy: Record<string, unknown> = { ...doc }
  for (const field of SECRET_FIELDS)
    delete copy[field]
  return copy as Omit<T, (typeof SECRET_FIELDS)[number]>
}

/**
 * The hash fields of a write by anyone but a server admin come from the server, never from the
 * request: a new `password` is hashed later by `prepareUserDoc`, and without one the stored hash is
 * kept. A coordinator never sees the hash, so the document they send back lacks it; without this
 * step an edit of roles would leave the account unable to sign in.
 */
export function keepStoredPassword(doc: Body, users: Users): Body {
  if (doc._deleted === true || typeof doc._id !== 'string' || !doc._id.startsWith(USER_PREFIX))
    return doc
  const { password, ...rest } = doc
  const clean: Body = withoutSecrets(rest)
  if (password !== undefined)
    return { ...clean, password }
  const stored = users.get(doc._id.slice(USER_PREFIX.length))
  if (!stored)
    return clean
  const kept: Body = {}
  for (const field of SECRET_FIELDS) {
    if (field !== 'password' && stored[field] !== undefined)
      kept[field] = stored[field]
  }
  return { ...clean, ...kept }
}

/** Why a coordinator may not write this account document, or null when they may. */
export function checkStaffAccountWrite(doc: Body & { _id: string }, previous: Body | null): string | null {
  if (doc._deleted === true)
    return 'accounts are disabled, not deleted'
  const previousRoles = Array.isArray(previous?.roles) ? previous.roles : []
  if (previousRoles.some(r => ADMIN_ROLES_OF_SERVER.includes(String(r))))
    return 'only server admins may change an admin account'
  if (!Array.isArray(doc.roles) || !doc.roles.every(isGrantable))
    return `coordinators may grant only the roles ${GRANTABLE_ROLES.join(', ')} and municipalities (m:<municipality>)`
  return null
}
