import { randomBytes } from 'node:crypto'
import { securityFor } from '../../src/domain'
import { USER_PREFIX, Users, USERS_DB, type UserDoc } from '../auth/users'
import { compact } from '../storage/compact'
import { Journal } from '../storage/journal'
import { ADMIN_ONLY_SECURITY } from '../storage/database'
import { isValidDbName, Registry } from '../storage/registry'
import { backup } from './backup'
import { checkIntegrity } from './integrity'
import { loadRetentionPolicy, runRetention } from './retention'

export interface CommandIo {
  dataDir: string
  out: (line: string) => void
  /** A password given by the operator (flag or environment); generated and printed when absent. */
  password?: string
}

type Flags = Record<string, string>

/** Splits `--name value` flags from positional arguments. */
export function parseArgs(argv: readonly string[]): { args: string[], flags: Flags } {
  const args: string[] = []
  const flags: Flags = {}
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a.startsWith('--')) {
      const eq = a.indexOf('=')
      if (eq !== -1)
        flags[a.slice(2, eq)] = a.slice(eq + 1)
      else
        flags[a.slice(2)] = argv[++i] ?? ''
    }
    else {
      args.push(a)
    }
  }
  return { args, flags }
}

const list = (s: string | undefined) => (s ?? '').split(',').map(x => x.trim()).filter(Boolean)

export class UsageError extends Error {}

function need(value: string | undefined, what: string): string {
  if (!value)
    throw new UsageError(`missing ${what}`)
  return value
}

async function withRegistry<T>(io: CommandIo, fn: (registry: Registry, users: Users) => Promise<T>): Promise<T> {
  const registry = new Registry(io.dataDir)
  try {
    const usersDb = registry.get(USERS_DB) ?? registry.create(USERS_DB)!
    usersDb.security = ADMIN_ONLY_SECURITY
    return await fn(registry, new Users(usersDb))
  }
  finally {
    registry.closeAll()
  }
}

async function saveUser(users: Users, doc: Omit<UserDoc, '_id' | 'type'> & { password?: string }): Promise<void> {
  const result = await users.save({ ...doc, _id: USER_PREFIX + doc.name, type: 'user' })
  if ('error' in result)
    throw new Error(`could not save ${doc.name}: ${result.error} (${result.reason})`)
}

function existing(users: Users, name: string): UserDoc {
  const user = users.get(name)
  if (!user)
    throw new Error(`no account named ${name}`)
  return user
}

/** `user add|passwd|disable|enable|roles|list`. */
export async function userCommand(argv: string[], io: CommandIo): Promise<void> {
  const { args, flags } = parseArgs(argv)
  const [action, name] = args
  await withRegistry(io, async (_registry, users) => {
    const password = () => {
      if (io.password)
        return io.password
      const generated = randomBytes(12).toString('base64url')
      io.out(`password for ${name}: ${generated}  (shown only this once)`)
      return generated
    }
    switch (action) {
      case 'add': {
        const n = need(name, 'user name')
        if (users.get(n))
          throw new Error(`an account named ${n} exists already`)
        await saveUser(users, { name: n, roles: list(flags.roles), password: password() })
        io.out(`created ${n}`)
        return
      }
      case 'passwd':
        await saveUser(users, { ...existing(users, need(name, 'user name')), password: password() })
        io.out(`password changed for ${name}`)
        return
      case 'disable':
      case 'enable':
        await saveUser(users, { ...existing(users, need(name, 'user name')), disabled: action === 'disable' })
        io.out(`${action}d ${name}`)
        return
      case 'roles':
        await saveUser(users, { ...existing(users, need(name, 'user name')), roles: list(need(args[2] ?? flags.roles, 'roles (comma-separated)')) })
        io.out(`roles of ${name}: ${list(args[2] ?? flags.roles).join(', ')}`)
        return
      case 'list':
        for (let since = 0; ;) {
          const rows = users.db.changes(since, 500)
          if (rows.length === 0)
            break
          for (const row of rows.filter(r => !r.deleted && r.id.startsWith(USER_PREFIX))) {
            const u = users.get(row.id.slice(USER_PREFIX.length))
            if (u)
              io.out(`${u.name}\t${u.roles.join(',')}${u.disabled ? '\tdisabled' : ''}`)
          }
          since = rows[rows.length - 1]!.seq
        }
        return
      default:
        throw new UsageError(`unknown user command ${action ?? ''}`)
    }
  })
}

/** `db create <name> [--members r1,r2] [--admins r3]`, `db list`, `db compact <name>`. */
export async function dbCommand(argv: string[], io: CommandIo): Promise<void> {
  const { args, flags } = parseArgs(argv)
  const [action, name] = args
  await withRegistry(io, async (registry) => {
    switch (action) {
      case 'create': {
        const n = need(name, 'database name')
        if (!isValidDbName(n))
          throw new Error(`${n} is not a valid database name`)
        const db = registry.get(n) ?? registry.create(n)!
        const custom = flags.members !== undefined || flags.admins !== undefined
        db.security = custom
          ? { admins: { names: [], roles: list(flags.admins) }, members: { names: [], roles: list(flags.members) } }
          : securityFor(n) ?? ADMIN_ONLY_SECURITY
        io.out(`${n}: members ${db.security.members.roles.join(',') || '(server admins only)'}; admins ${db.security.admins.roles.join(',') || '-'}`)
        return
      }
      case 'list':
        for (const n of registry.names())
          io.out(`${n}\t${registry.get(n)!.counts().live} docs`)
        return
      case 'compact': {
        const targets = name ? [name] : registry.names()
        for (const n of targets) {
          const db = registry.get(n)
          if (!db)
            throw new Error(`no database named ${n}`)
          const done = compact(db)
          io.out(`${n}: ${done.revisions} old revisions and ${done.attachments} attachments removed`)
        }
        return
      }
      default:
        throw new UsageError(`unknown db command ${action ?? ''}`)
    }
  })
}

/** `backup <target-folder>`. */
export async function backupCommand(argv: string[], io: CommandIo): Promise<void> {
  const target = need(parseArgs(argv).args[0], 'target folder')
  await withRegistry(io, async (registry) => {
    const names = await backup(registry, io.dataDir, target)
    io.out(`backed up ${names.length} databases to ${target}`)
  })
}

/** `integrity`: checks every database; false when any has a problem. */
export async function integrityCommand(io: CommandIo): Promise<boolean> {
  return withRegistry(io, async (registry) => {
    const reports = checkIntegrity(registry)
    for (const r of reports)
      io.out(r.problems.length === 0 ? `${r.db}: ok (${r.docs} docs)` : `${r.db}: ${r.problems.length} problem(s)\n  ${r.problems.join('\n  ')}`)
    return reports.every(r => r.problems.length === 0)
  })
}

/** `purge [--dry-run]`: applies the retention policy; prints counts only, never ids or names. */
export async function purgeCommand(argv: string[], io: CommandIo): Promise<void> {
  const dryRun = argv.includes('--dry-run')
  const policy = loadRetentionPolicy(io.dataDir)
  await withRegistry(io, async (registry) => {
    const journal = new Journal(io.dataDir)
    try {
      const report = runRetention(registry, journal, policy, { dryRun })
      const list = (counts: Record<string, number>) => Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ') || 'none'
      io.out(`${dryRun ? 'would remove' : 'removed'}: fields: ${list(report.fieldsRemoved)}; records: ${list(report.recordsDeleted)}; purged after the grace period: ${report.purged}`)
    }
    finally {
      journal.close()
    }
  })
}
