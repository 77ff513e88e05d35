import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildServer } from '../../sync-server/build'

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const POUCHDB_SERVER_BIN = join(ROOT, 'bench', 'node_modules', 'pouchdb-server', 'bin', 'pouchdb-server')

/** `client-alone` stores nothing (`client-alone.ts`): the push's ceiling, not a server to compare with. */
export type ServerKind = 'sync-server' | 'pouchdb-server-memory' | 'pouchdb-server-disk' | 'client-alone'

/** The servers ours is compared with: pouchdb-server in either mode (not ours, not the client alone). */
export function isReference(kind: ServerKind): boolean {
  return kind === 'pouchdb-server-memory' || kind === 'pouchdb-server-disk'
}

export interface Credentials { username: string, password: string }

export interface BenchServer {
  kind: ServerKind
  url: string
  pid: number
  /** Basic credentials a client sends; pouchdb-server runs in admin party and needs none. */
  auth?: Credentials
  /** Resident memory of the server process now and at its peak, in bytes (Linux /proc). */
  memory(): { rss: number, peak: number }
  /**
   * CPU seconds the server's processes have used so far (user + system). The machine is shared,
   * so wall-clock figures move with other work; the CPU a server spends per document moves less.
   */
  cpuSeconds(): number
  /**
   * The same split by thread of the server process: its main thread (the event loop, where every
   * request is handled) and all others (V8's compiler and garbage-collector helpers, libuv's thread
   * pool). A freshly started server spends a good part of the second on compiling its hot code.
   */
  threadCpuSeconds(): { main: number, other: number }
  /** Makes (or finds) the database a benchmark writes to. */
  ensureDb(name: string): Promise<void>
  stop(): Promise<void>
}

/** pouchdb-server is a dependency of the bench only (bench/package.json), installed on demand. */
export function pouchdbServerInstalled(): boolean {
  return existsSync(POUCHDB_SERVER_BIN)
}

/** A free port on loopback, chosen by the kernel. */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = createServer()
    srv.once('error', fail)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address ? address.port : 0
      srv.close(() => done(port))
    })
  })
}

function basic(c: Credentials): string {
  return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`
}

async function waitUntilUp(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`server exited with code ${child.exitCode}: ${output()}`)
    try {
      if ((await fetch(`${url}/`)).status < 500)
        return
    }
    catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 150))
  }
  throw new Error(`server at ${url} did not start within 60 s: ${output()}`)
}

/** Reads VmRSS and VmHWM of one process; both 0 when /proc is not there. */
function procMemory(pid: number): { rss: number, peak: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024
    return { rss: kb('VmRSS'), peak: kb('VmHWM') }
  }
  catch {
    return { rss: 0, peak: 0 }
  }
}

/** utime + stime of one process, in seconds (clock ticks of 1/100 s on Linux); 0 without /proc. */
function procCpu(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  }
  catch {
    return 0
  }
}

/** CPU seconds of the main thread of `pid` (its thread id is the process id) and of its other threads. */
function threadCpu(pid: number): { main: number, other: number } {
  let main = 0
  let other = 0
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      const seconds = (Number(fields[11]) + Number(fields[12])) / 100
      if (Number(tid) === pid)
        main += seconds
      else
        other += seconds
    }
  }
  catch {
    // no /proc, or the process ended
  }
  return { main, other }
}

/** The process and every descendant: pouchdb-server and tsx may fork helpers. */
function processTree(pid: number): number[] {
  const children = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry))
      continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      children.set(ppid, [...children.get(ppid) ?? [], Number(entry)])
    }
    catch {
      // the process ended while we looked
    }
  }
  const all = [pid]
  for (let i = 0; i < all.length; i++)
    all.push(...children.get(all[i]!) ?? [])
  return all
}

function treeMemory(pid: number): { rss: number, peak: number } {
  return processTree(pid).map(procMemory).reduce((a, b) => ({ rss: a.rss + b.rss, peak: a.peak + b.peak }), { rss: 0, peak: 0 })
}

interface Spawned { child: ChildProcess, url: string, output: () => string, dir: string }

/** What every bench server shares: its address, and its process measured and stopped. */
function measured(s: Spawned): Pick<BenchServer, 'url' | 'pid' | 'memory' | 'cpuSeconds' | 'threadCpuSeconds' | 'stop'> {
  const pid = s.child.pid!
  return {
    url: s.url,
    pid,
    memory: () => treeMemory(pid),
    cpuSeconds: () => processTree(pid).reduce((sum, p) => sum + procCpu(p), 0),
    threadCpuSeconds: () => threadCpu(pid),
    stop: () => stopChild(s),
  }
}

async function spawnServer(args: string[], env: Record<string, string>, cwd: string, dir: string, port: number): Promise<Spawned> {
  // Plain `node` (not a wrapper script): the measured process is the server itself.
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-4000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const url = `http://127.0.0.1:${port}`
  try {
    await waitUntilUp(url, child, () => out)
  }
  catch (error) {
    child.kill('SIGKILL')
    throw error
  }
  return { child, url, output: () => out, dir }
}

async function stopChild(s: Spawned): Promise<void> {
  if (s.child.exitCode === null) {
    const exited = new Promise(r => s.child.once('exit', r))
    s.child.kill('SIGTERM')
    await Promise.race([exited, new Promise(r => setTimeout(r, 3000))])
    if (s.child.exitCode === null && s.child.signalCode === null)
      s.child.kill('SIGKILL')
  }
  rmSync(s.dir, { recursive: true, force: true })
}

const ADMIN: Credentials = { username: 'bench-admin', password: 'bench-admin-password-1' }
/** A volunteer of Arendonk: the role that writes help sessions at the desk. */
export const VOLUNTEER: Credentials = { username: 'vera', password: 'vera-bench-password-1' }

/**
 * The Node flags `npm start` gives the server (`node <flags> dist-server/cli.mjs serve` in
 * package.json): the bench runs the server with exactly these, so what is measured is what runs.
 */
export function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  const match = /\bnode((?:\s+--\S+)*)\s+dist-server\/cli\.mjs\s+serve\b/.exec(pkg.scripts.start ?? '')
  if (!match)
    throw new Error('package.json `start` no longer runs `node [flags] dist-server/cli.mjs serve`: update bench/lib/servers.ts')
  return match[1]!.trim().split(/\s+/).filter(Boolean)
}

/** Creates a staff account on our server (`startSyncServer`'s) as its admin does: `PUT /_users/…`. */
export async function createAccount(url: string, account: Credentials, roles: string[]): Promise<void> {
  const id = `org.couchdb.user:${account.username}`
  const res = await fetch(`${url}/_users/${encodeURIComponent(id)}`, {
    method: 'PUT',
    headers: { 'Authorization': basic(ADMIN), 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: account.username, password: account.password, roles, type: 'user' }),
  })
  if (res.status !== 201)
    throw new Error(`could not create the bench account ${account.username}: ${res.status}`)
}

/**
 * Our sync-server as `npm start` runs it (same bundle, CLI and Node flags), on a fresh data folder. Clients sign in as
 * the volunteer `vera` (Basic auth, or a session cookie through `signIn` in `pouch.ts`): there is no admin party, and every write passes the domain's
 * write rules, as in production. `staticDir` is the built app it serves (none by default).
 */
export async function startSyncServer(staticDir?: string, extraNodeArgs: string[] = [], prebuilt?: string): Promise<BenchServer> {
  const dir = mkdtempSync(join(tmpdir(), 'dgb-bench-ours-'))
  const port = await freePort()
  // The same bundle `npm start` runs (plain node, no TypeScript compiler in the process), built
  // fresh from the sources; inside node_modules so its packages resolve. `prebuilt` runs another
  // build instead (an earlier commit's, to compare two versions in one run).
  const bundle = prebuilt ?? buildServer(join('node_modules', '.cache', 'digibalie-bench', 'cli.mjs'))
  const s = await spawnServer(
    [...startFlags(), ...extraNodeArgs, bundle, 'serve'],
    { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dir, ADMIN_USER: ADMIN.username, ADMIN_PASSWORD: ADMIN.password, STATIC_DIR: staticDir ?? join(dir, 'no-app') },
    ROOT, dir, port,
  )
  try {
    await createAccount(s.url, VOLUNTEER, ['volunteer', 'm:arendonk'])
  }
  catch (error) {
    await stopChild(s)
    throw error
  }
  return {
    kind: 'sync-server',
    ...measured(s),
    auth: VOLUNTEER,
    // The municipality databases exist from the first start (provisioned from the domain).
    ensureDb: async () => undefined,
  }
}

/** pouchdb-server 4.2 in admin party, in memory or on LevelDB in a fresh folder. */
export async function startPouchdbServer(mode: 'memory' | 'disk'): Promise<BenchServer> {
  if (!pouchdbServerInstalled())
    throw new Error('pouchdb-server is not installed: run `npm run bench` (it installs bench/ on demand)')
  const dir = mkdtempSync(join(tmpdir(), `dgb-bench-pouchdb-${mode}-`))
  const port = await freePort()
  const args = [POUCHDB_SERVER_BIN, '--port', String(port), '--host', '127.0.0.1', '--config', join(dir, 'config.json')]
  args.push(...mode === 'memory' ? ['--in-memory'] : ['--dir', join(dir, 'db')])
  const s = await spawnServer(args, {}, dir, dir, port)
  return {
    kind: mode === 'memory' ? 'pouchdb-server-memory' : 'pouchdb-server-disk',
    ...measured(s),
    async ensureDb(name) {
      const res = await fetch(`${s.url}/${name}`, { method: 'PUT' })
      if (res.status !== 201 && res.status !== 412)
        throw new Error(`could not create ${name} on pouchdb-server: ${res.status}`)
    },
  }
}

/** The client alone (`client-alone.ts`): answers a push at once and stores nothing. */
export async function startClientAlone(): Promise<BenchServer> {
  const dir = mkdtempSync(join(tmpdir(), 'dgb-bench-client-alone-'))
  const port = await freePort()
  const s = await spawnServer(['--import', 'tsx', join(ROOT, 'bench', 'lib', 'client-alone.ts')], { PORT: String(port) }, ROOT, dir, port)
  return {
    kind: 'client-alone',
    ...measured(s),
    ensureDb: async () => undefined,
  }
}

export function startServerOf(kind: ServerKind): Promise<BenchServer> {
  if (kind === 'client-alone')
    return startClientAlone()
  return kind === 'sync-server' ? startSyncServer() : startPouchdbServer(kind === 'pouchdb-server-memory' ? 'memory' : 'disk')
}
