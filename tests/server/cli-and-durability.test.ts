import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeHelpSessions } from '../factories/help-session'
import { request } from './support/http'
import { exited, runCli, spawnServer } from './support/process'
import { ADMIN, startTestServer, type TestServer } from './support/server'

const dirs: string[] = []
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dgb-cli-'))
  dirs.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of dirs)
    rmSync(dir, { recursive: true, force: true })
})

describe('durability', () => {
  it('keeps every acknowledged write when the server is killed with SIGKILL', async () => {
    const dataDir = tempDir()
    const env = { DATA_DIR: dataDir, ADMIN_PASSWORD: ADMIN.password, STATIC_DIR: join(dataDir, 'no-dist') }
    const first = await spawnServer(env)
    const uuid = (await request(first.url, 'GET', '/')).body.uuid
    const sessions = makeHelpSessions(300, { staff: 'admin' })
    for (let i = 0; i < sessions.length; i += 50) {
      const res = await request(first.url, 'POST', '/dgb-m-arendonk/_bulk_docs', { auth: ADMIN, body: { docs: sessions.slice(i, i + 50) } })
      expect(res.status).toBe(201)
    }
    const checkpoint = await request(first.url, 'PUT', '/dgb-m-arendonk/_local/replication-x', { auth: ADMIN, body: { last_seq: 300 } })
    expect(checkpoint.status).toBe(201)
    first.child.kill('SIGKILL')
    await exited(first.child)

    const second = await spawnServer(env)
    try {
      expect((await request(second.url, 'GET', '/')).body.uuid).toBe(uuid)
      const all = await request(second.url, 'GET', '/dgb-m-arendonk/_all_docs', { auth: ADMIN })
      expect(all.body.rows.map((r: { id: string }) => r.id)).toEqual(sessions.map(s => s._id).sort())
      expect((await request(second.url, 'GET', '/dgb-m-arendonk/_local/replication-x', { auth: ADMIN })).body.last_seq).toBe(300)
      // The admin password from the environment was not printed; none was generated.
      expect(second.output()).not.toContain('password')
    }
    finally {
      second.child.kill('SIGTERM')
      await exited(second.child)
    }
  })

  it('generates and prints an admin password once when none is given', async () => {
    const dataDir = tempDir()
    const env = { DATA_DIR: dataDir, STATIC_DIR: join(dataDir, 'no-dist'), ADMIN_USER: 'root' }
    const first = await spawnServer(env)
    const match = /Created server admin "root" with password: (\S+)/.exec(first.output())
    expect(match).not.toBeNull()
    expect((await request(first.url, 'GET', '/_session', { auth: { name: 'root', password: match![1]! } })).body.userCtx.roles).toContain('_admin')
    first.child.kill('SIGTERM')
    await exited(first.child)
    const second = await spawnServer(env)
    expect(second.output()).not.toContain('password')
    second.child.kill('SIGTERM')
    await exited(second.child)
  })
})

describe('command-line tool, next to a running server', () => {
  let t: TestServer
  beforeAll(async () => {
    t = await startTestServer()
  })
  afterAll(() => t.stop())

  it('adds, changes, disables accounts the running server sees at once', async () => {
    const env = { DATA_DIR: t.dataDir, PASSWORD: 'cli-password-1' }
    const added = await runCli(['user', 'add', 'wim', '--roles', 'volunteer,m:arendonk'], env)
    expect(added).toMatchObject({ code: 0 })
    const session = await request(t.url, 'POST', '/_session', { body: { name: 'wim', password: 'cli-password-1' } })
    expect(session.body).toEqual({ ok: true, name: 'wim', roles: ['volunteer', 'm:arendonk'] })

    expect((await runCli(['user', 'roles', 'wim', 'trainer,m:ravels'], env)).code).toBe(0)
    expect((await request(t.url, 'GET', '/_session', { auth: { name: 'wim', password: 'cli-password-1' } })).body.userCtx.roles).toEqual(['trainer', 'm:ravels'])

    const generated = await runCli(['user', 'passwd', 'wim'], { DATA_DIR: t.dataDir })
    const password = /password for wim: (\S+)/.exec(generated.out)?.[1]
    expect(password).toBeDefined()
    expect((await request(t.url, 'POST', '/_session', { body: { name: 'wim', password } })).status).toBe(200)

    expect((await runCli(['user', 'disable', 'wim'], env)).code).toBe(0)
    expect((await request(t.url, 'POST', '/_session', { body: { name: 'wim', password } })).status).toBe(401)
    const list = await runCli(['user', 'list'], env)
    expect(list.out).toMatch(/wim\ttrainer,m:ravels\tdisabled/)
    expect((await runCli(['user', 'add', 'wim'], env)).code).toBe(1)
    expect((await runCli(['user', 'frobnicate'], env)).code).toBe(2)
  })

  it('creates a database with its _security, and the server serves it', async () => {
    const res = await runCli(['db', 'create', 'reports', '--members', 'coordinator'], { DATA_DIR: t.dataDir })
    expect(res.code).toBe(0)
    expect((await request(t.url, 'GET', '/reports/_security', { auth: ADMIN })).body.members).toEqual({ names: [], roles: ['coordinator'] })
    expect((await request(t.url, 'PUT', '/reports/r1', { auth: ADMIN, body: { n: 1 } })).status).toBe(201)
  })

  it('backs up a consistent copy while serving, which starts as a server of its own', async () => {
    const sessions = makeHelpSessions(20, { staff: 'admin' })
    await request(t.url, 'POST', '/dgb-m-arendonk/_bulk_docs', { auth: ADMIN, body: { docs: sessions } })
    const target = join(tempDir(), 'copy')
    const res = await runCli(['backup', target], { DATA_DIR: t.dataDir })
    expect(res.code).toBe(0)
    expect(res.out).toMatch(/backed up \d+ databases/)
    const copy = await startTestServer({ dataDir: target })
    try {
      expect((await request(copy.url, 'GET', '/')).body.uuid).toBe((await request(t.url, 'GET', '/')).body.uuid)
      const all = await request(copy.url, 'GET', '/dgb-m-arendonk/_all_docs', { auth: ADMIN })
      expect(all.body.rows.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining(sessions.map(s => s._id)))
    }
    finally {
      await copy.stop()
    }
  })
})
