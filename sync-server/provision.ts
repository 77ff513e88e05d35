import { allDatabases, securityFor } from '../src/domain'
import { USERS_DB } from './auth/users'
import { ADMIN_ONLY_SECURITY } from './storage/database'
import type { Registry } from './storage/registry'

/**
 * Creates every database of a Digibank that is missing and (re)applies its `_security` from the
 * domain on every start: the domain is the one place that says who may read what.
 */
export function provision(registry: Registry): Registry {
  registry.ensure(USERS_DB).security = ADMIN_ONLY_SECURITY
  for (const name of allDatabases())
    registry.ensure(name).security = securityFor(name)!
  return registry
}
