import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { SessionTokens } from './auth/cookies'
import { RateLimiter } from './auth/rate-limit'
import { Users, USERS_DB } from './auth/users'
import type { Limits, ServerState } from './http/context'
import { answerClientError } from './http/client-errors'
import { handle } from './http/router'
import { StaticFiles } from './http/static'
import { loadIdentity } from './identity'
import { bufferedStdoutLog } from './log'
import { provision } from './provision'
import { loadRetentionPolicy, runRetention } from './admin/retention'
import { Journal } from './storage/journal'
import { Registry } from './storage/registry'

export interface ServerOptions {
  /** 0 picks a free port. */
  port?: number
  host?: string
  dataDir: string
  /** The built PWA; omitted or missing, only the API is served. */
  staticDir?: string
  adminUser?: string
  /** Without it, the first start generates a password and logs it once. */
  adminPassword?: string
  log?: (line: string) => void
  /** Lifetime of a session cookie, in seconds (default 12 hours: a working day at the desk). */
  sessionTimeoutSeconds?: number
  /** Mark session cookies `Secure` (set when a TLS proxy sits in front). */
  secureCookies?: boolean
  limits?: Partial<Limits>
  /** Failed sign-ins allowed per account and per address in each 15-minute window. */
  maxFailedSignIns?: number
  /** Run the retention job (`purge`) this often; off when absent. */
  retentionEveryHours?: number
}

export interface RunningServer {
  url: string
  port: number
  close(): Promise<void>
}

export const DEFAULT_LIMITS: Limits = {
  maxBody: 64 * 1024 * 1024,
  maxWaitingChanges: 500,
  maxFeedMs: 60_000,
  requestTimeoutMs: 60_000,
}

/**
 * Starts the sync-server: opens (and provisions) the databases in `dataDir`, makes sure a server
 * admin exists (there is no "admin party": nothing is writable without an account), then serves
 * the CouchDB-compatible API and the PWA on one origin.
 */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const stdoutLog = opts.log ? undefined : bufferedStdoutLog()
  const log = opts.log ?? stdoutLog!.log
  if (stdoutLog)
    process.once('exit', stdoutLog.flush)
  const dataDir = resolve(opts.dataDir)
  const identity = loadIdentity(dataDir)
  const registry = new Registry(dataDir)
  const journal = new Journal(dataDir)
  const closeStorage = () => {
    registry.closeAll()
    journal.close()
  }
  let users: Users
  try {
    users = new Users(provision(registry).get(USERS_DB)!)
    const { generated } = await users.ensureAdmin(opts.adminUser ?? 'admin', opts.adminPassword)
    if (generated)
      log(`Created server admin "${opts.adminUser ?? 'admin'}" with password: ${generated}  (shown only this once)`)
  }
  catch (error) {
    closeStorage()
    throw error
  }

  const state: ServerState = {
    registry,
    users,
    tokens: new SessionTokens(identity.secret, opts.sessionTimeoutSeconds ?? 12 * 3600),
    limiter: new RateLimiter(opts.maxFailedSignIns ?? 10),
    uuid: identity.uuid,
    limits: { ...DEFAULT_LIMITS, ...opts.limits },
    log,
    waitingChanges: 0,
    closing: new AbortController(),
    secureCookies: opts.secureCookies ?? false,
    journal,
  }
  const files = opts.staticDir ? new StaticFiles(resolve(opts.staticDir)) : undefined
  // Node checks request deadlines on this interval; the default (30 s) would let a stalled upload
  // hold its connection long past `requestTimeoutMs`.
  const checkEvery = Math.max(250, Math.min(30_000, Math.floor(state.limits.requestTimeoutMs / 2)))
  const server = createServer({ connectionsCheckingInterval: checkEvery }, (req, res) => {
    void handle(req, res, state, files)
  })
  server.on('clientError', answerClientError)
  // Time to receive a whole request; long-polls are bounded separately by `maxFeedMs`.
  server.requestTimeout = state.limits.requestTimeoutMs
  server.headersTimeout = Math.min(state.limits.requestTimeoutMs, 30_000)
  // A socket with no traffic either way (not even a feed's heartbeat) for this long is dropped.
  server.timeout = Math.max(2 * state.limits.maxFeedMs, 120_000)

  try {
    await new Promise<void>((ok, fail) => {
      server.once('error', fail)
      server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
        server.off('error', fail)
        ok()
      })
    })
  }
  catch (error) {
    // A taken port must not leave the databases open behind the caller's back.
    closeStorage()
    throw error
  }
  const retention = opts.retentionEveryHours && opts.retentionEveryHours > 0
    ? setInterval(() => {
        try {
          const report = runRetention(registry, journal, loadRetentionPolicy(dataDir))
          log(`retention: ${JSON.stringify(report)}`)
        }
        catch (error) {
          log(`retention failed: ${error instanceof Error ? error.name : 'unknown'}`)
        }
      }, opts.retentionEveryHours * 3_600_000).unref()
    : undefined
  const { port, address } = server.address() as AddressInfo
  const host = address.includes(':') ? `[${address}]` : address
  const url = `http://${host}:${port}`
  log(`Digibalie sync-server listening on ${url}`)
  // Whoever waits for this line (a process manager, the tests) sees it at once.
  stdoutLog?.flush()

  let closed: Promise<void> | undefined
  return {
    url,
    port,
    close() {
      closed ??= new Promise<void>((done) => {
        state.closing.abort()
        clearInterval(retention)
        server.close(() => {
          closeStorage()
          stdoutLog?.flush()
          done()
        })
        server.closeIdleConnections()
        // Open feeds end on `closing`; anything still open after a moment is cut.
        setTimeout(() => server.closeAllConnections(), 1000).unref()
      })
      return closed
    },
  }
}
