import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { backupCommand, dbCommand, integrityCommand, purgeCommand, UsageError, userCommand, type CommandIo } from './admin/commands'
import { pagePolicy } from './http/static'
import { startServer } from './server'

/**
 * `tsx sync-server/cli.ts <command>`; `serve` is configured by the environment:
 * PORT (8080), HOST (127.0.0.1), DATA_DIR (./data), STATIC_DIR (dist), ADMIN_USER (admin),
 * ADMIN_PASSWORD (generated and printed once on the first start when missing).
 */
async function serve(): Promise<void> {
  const env = process.env
  const port = Number(env.PORT ?? 8080)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${env.PORT}"`)
  const server = await startServer({
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: resolve(env.DATA_DIR ?? 'data'),
    staticDir: resolve(env.STATIC_DIR ?? 'dist'),
    ...(env.ADMIN_USER ? { adminUser: env.ADMIN_USER } : {}),
    ...(env.ADMIN_PASSWORD ? { adminPassword: env.ADMIN_PASSWORD } : {}),
    secureCookies: env.SECURE_COOKIES === '1' || env.SECURE_COOKIES === 'true',
    ...(env.RETENTION_EVERY_HOURS ? { retentionEveryHours: Number(env.RETENTION_EVERY_HOURS) } : {}),
  })
  const stop = () => {
    void server.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

const USAGE = `usage: npm run server -- <command>   (or: tsx sync-server/cli.ts <command>)
  serve                              start the server
                                     env: PORT (8080), HOST (127.0.0.1), DATA_DIR (./data), STATIC_DIR (dist),
                                          ADMIN_USER (admin), ADMIN_PASSWORD (generated once), SECURE_COOKIES
  user add <name> --roles r1,r2      create a staff account (roles e.g. volunteer,m:arendonk)
  user passwd <name>                 set a new password
  user disable|enable <name>         stop or allow sign-in for an account
  user roles <name> <r1,r2>          replace an account's roles
  user list                          accounts and their roles
  db create <name> [--members r1,r2 --admins r3]
                                     create a database; _security from the domain unless given
  db list | db compact [name]        list databases; drop old revision bodies
  backup <folder>                    consistent copy of every database (safe while serving)
  purge [--dry-run]                  apply the retention policy (retention.json in DATA_DIR, or the
                                     defaults): drop old notes, delete expired records, purge old
                                     deletions; prints counts only
  integrity                          check every database (SQLite, revision trees, changes feed);
                                     exit code 1 when a problem is found
  csp                                the Content-Security-Policy the server gives STATIC_DIR's
                                     index.html (it allows that page's own inline script by its
                                     hash): for a proxy that serves the built app itself
Passwords for user add/passwd come from the PASSWORD environment variable, or are generated and
printed once. All commands work on DATA_DIR and may run while the server runs.`

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  const io: CommandIo = {
    dataDir: resolve(process.env.DATA_DIR ?? 'data'),
    out: line => console.log(line),
    ...(process.env.PASSWORD ? { password: process.env.PASSWORD } : {}),
  }
  try {
    switch (command) {
      case 'serve':
        await serve()
        return -1
      case 'user':
        await userCommand(rest, io)
        return 0
      case 'db':
        await dbCommand(rest, io)
        return 0
      case 'backup':
        await backupCommand(rest, io)
        return 0
      case 'purge':
        await purgeCommand(rest, io)
        return 0
      case 'integrity':
        return (await integrityCommand(io)) ? 0 : 1
      case 'csp':
        console.log(pagePolicy(readFileSync(join(resolve(process.env.STATIC_DIR ?? 'dist'), 'index.html'), 'utf8')))
        return 0
      case undefined:
      case 'help':
      case '--help':
        console.log(USAGE)
        return 0
      default:
        throw new UsageError(`unknown command ${command}`)
    }
  }
  catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`)
      return 2
    }
    throw error
  }
}

main(process.argv.slice(2)).then((code) => {
  if (code >= 0)
    process.exit(code)
}, (error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error))
  process.exit(1)
})
