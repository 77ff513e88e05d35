import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { makeHelpSessions } from '../factories/help-session'
import { fileNameFor } from '../../sync-server/storage/registry'
import { request } from './support/http'
import { runCli } from './support/process'
import { ADMIN, startTestServer } from './support/server'

const dirs: string[] = []
afterAll(() => dirs.forEach(d => rmSync(d, { recursive: true, force: true })))

/** A data folder with 20 sessions (5 of them updated, 2 deleted) in Arendonk's database. */
async function dataFolder(): Promise<{ dataDir: string, ids: string[] }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dgb-integrity-'))
  dirs.push(dataDir)
  const t = await startTestServer({ dataDir })
  const docs = makeHelpSessions(20, { staff: 'admin' })
  const res = await request(t.url, 'POST', '/dgb-m-arendonk/_bulk_docs', { auth: ADMIN, body: { docs } })
  const revs = res.body.map((r: { rev: string }) => r.rev)
  const updates = docs.slice(0, 5).map((d, i) => ({ ...d, _rev: revs[i], note: 'later' }))
  await request(t.url, 'POST', '/dgb-m-arendonk/_bulk_docs', { auth: ADMIN, body: { docs: updates } })
  for (let i = 5; i < 7; i++)
    await request(t.url, 'DELETE', `/dgb-m-arendonk/${docs[i]!._id}?rev=${revs[i]}`, { auth: ADMIN })
  await t.server.close()
  return { dataDir, ids: docs.map(d => d._id) }
}

function tamper(dataDir: string, sql: string, ...params: unknown[]): void {
  const db = new BetterSqlite3(join(dataDir, 'db', fileNameFor('dgb-m-arendonk')))
  db.prepare(sql).run(...params)
  db.close()
}

describe('integrity command', () => {
  it('passes a healthy data folder', async () => {
    const { dataDir } = await dataFolder()
    const out = await runCli(['integrity'], { DATA_DIR: dataDir })
    expect(out.code).toBe(0)
    expect(out.out).toContain('dgb-m-arendonk: ok (20 docs)')
  })

  it.each([
    ['a leaf body missing', 'DELETE FROM revs WHERE id = ? AND rev LIKE \'2-%\'', 'no body for leaf'],
    ['a stored winner that is not the winner', 'UPDATE docs SET winning_rev = \'1-0000\' WHERE id = ?', 'winning revision not in its tree'],
    ['a deleted flag that contradicts the tree', 'UPDATE docs SET deleted = 1 WHERE id = ?', 'deleted flag differs'],
  ])('finds %s, names the document, and exits with 1', async (_name, sql, expected) => {
    const { dataDir, ids } = await dataFolder()
    tamper(dataDir, sql, ids[0])
    const out = await runCli(['integrity'], { DATA_DIR: dataDir })
    expect(out.code).toBe(1)
    expect(out.out).toContain(`${ids[0]}: ${expected}`)
  })

  it('finds a damaged SQLite file', async () => {
    const { dataDir } = await dataFolder()
    const file = join(dataDir, 'db', fileNameFor('dgb-m-arendonk'))
    const bytes = readFileSync(file)
    // Scribble over the pages after the first (the header stays, so the file still opens).
    bytes.fill(0x5A, 4096 * 2, Math.min(bytes.length, 4096 * 4))
    writeFileSync(file, new Uint8Array(bytes))
    const out = await runCli(['integrity'], { DATA_DIR: dataDir })
    expect(out.code).toBe(1)
    expect(out.out).toMatch(/sqlite|malformed/i)
  })
})
