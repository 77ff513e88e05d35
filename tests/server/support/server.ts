import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer, type RunningServer, type ServerOptions } from '../../../sync-server/server'
import { createUser, type Credentials } from './http'

export const ADMIN = { name: 'admin', password: 'admin-test-password' }

export interface TestServer {
  server: RunningServer
  url: string
  dataDir: string
  lines: string[]
  /** Stops the server and starts it again on the same data folder (and the same port when free). */
  restart(): Promise<void>
  stop(): Promise<void>
}

/** A sync-server on a free port over a fresh temporary data folder; `stop()` removes the folder. */
export async function startTestServer(opts: Partial<ServerOptions> = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'dgb-server-'))
  const lines: string[] = []
  const options: ServerOptions = { port: 0, dataDir, adminUser: ADMIN.name, adminPassword: ADMIN.password, log: line => lines.push(line), ...opts }
  const t: TestServer = {
    server: await startServer(options),
    url: '',
    dataDir,
    lines,
    async restart() {
      await t.server.close()
      t.server = await startServer({ ...options, port: t.server.port })
      t.url = t.server.url
    },
    async stop() {
      await t.server.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
  t.url = t.server.url
  return t
}

/**
 * A test server with the account most tests write as: `vera`, a volunteer of Arendonk (the
 * database `dgb-m-arendonk`). Other accounts a file needs are created next to it.
 */
export async function startWithVera(opts: Partial<ServerOptions> = {}): Promise<{ t: TestServer, vera: Credentials }> {
  const t = await startTestServer(opts)
  const vera = await createUser(t.url, ADMIN, 'vera', 'vera-password-1', ['volunteer', 'm:arendonk'])
  return { t, vera }
}
