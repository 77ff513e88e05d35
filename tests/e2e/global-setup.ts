import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, openSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A free port on loopback, chosen by the kernel. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address ? address.port : 0
      srv.close(() => resolve(port))
    })
  })
}

async function waitUntilUp(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`sync-server exited with code ${child.exitCode}`)
    try {
      const res = await fetch(`${url}/_up`)
      if (res.ok)
        return
    }
    catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 200))
  }
  throw new Error('sync-server did not start within 30 s')
}

/** A sync-server of the e2e suite: its address, and how to stop it (its data folder goes with it). */
export interface E2eServer { url: string, stop: () => Promise<void> }

/**
 * Starts the real sync-server as `npm start` does (the same CLI), with its own data folder and
 * `admin`, serving the built PWA in `staticDir`. It reads the files from disk per request: what is
 * copied into `staticDir` later is deployed at once (tests/e2e/update-kept-form.spec.ts).
 */
export async function startE2eServer(staticDir: string, admin: { user: string, password: string }): Promise<E2eServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'digibalie-e2e-'))
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const logFile = join(tmpdir(), `digibalie-e2e-server-${port}.log`)
  const child = spawn(join('node_modules', '.bin', 'tsx'), ['sync-server/cli.ts', 'serve'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_USER: admin.user, ADMIN_PASSWORD: admin.password, STATIC_DIR: staticDir },
    // The request log goes to a file, so a failing test's report is not buried under it; errors stay visible.
    stdio: ['ignore', openSync(logFile, 'w'), 'inherit'],
  })
  console.warn(`sync-server at ${url}, request log in ${logFile}`)
  await waitUntilUp(url, child)
  const stop = async () => {
    child.kill('SIGTERM')
    await new Promise(r => setTimeout(r, 300))
    if (child.exitCode === null)
      child.kill('SIGKILL')
    rmSync(dataDir, { recursive: true, force: true })
  }
  return { url, stop }
}

/** The suite's shared server, serving dist/; tests read its address and admin from the environment. */
export default async function globalSetup() {
  const admin = { user: 'coordinator', password: 'e2e-coordinator-password' }
  const server = await startE2eServer(process.env.E2E_STATIC_DIR ?? 'dist', admin)
  process.env.E2E_BASE_URL = server.url
  process.env.E2E_ADMIN_USER = admin.user
  process.env.E2E_ADMIN_PASSWORD = admin.password
  return server.stop
}
