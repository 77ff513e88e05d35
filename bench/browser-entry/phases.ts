import Dexie, { type Table } from 'dexie'
import { openLocalDb } from '../../src/data/pouch'
import { makeHelpSession } from '../../tests/factories/help-session'

/**
 * The save's two storage steps timed alone, one after the other and at the same time, each against
 * a raw Dexie put, with `settleMs` of quiet before each: shows what overlapping the PouchDB put and
 * the Dexie transaction buys in this browser.
 */
export async function phases(runs: number, settleMs: number, live = false): Promise<Record<string, number[]>> {
  const tag = `${Date.now()}`
  const pouch = openLocalDb(`phases-${tag}-`, 'db')
  const dx = new Dexie(`phases-dx-${tag}`) as Dexie & { rows: Table<{ id: string }, string>, outbox: Table<{ id: string }, string>, raw: Table<{ _id: string }, string> }
  dx.version(1).stores({ rows: 'id', outbox: 'id', raw: '_id' })
  // The projector's way of following a database: a live feed that only wakes it.
  const feed = live ? pouch.changes({ live: true, since: 'now', return_docs: false }) : null
  const out: Record<string, number[]> = {}
  const hex = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('')
  const put = (doc: { _id: string }) => {
    const h = hex()
    return pouch.bulkDocs([{ ...doc, _rev: `1-${h}`, _revisions: { start: 1, ids: [h] } }], { new_edits: false })
  }
  const rows = (doc: { _id: string }) => dx.transaction('rw', [dx.rows, dx.outbox], () => Promise.all([dx.rows.put({ ...doc, id: doc._id }), dx.outbox.put({ id: doc._id })]))
  const cases: Record<string, (doc: { _id: string }) => Promise<unknown>> = {
    'raw Dexie put': doc => dx.raw.put({ ...doc }),
    'PouchDB put': doc => pouch.put(doc),
    'PouchDB first revision (new_edits: false)': doc => put(doc),
    'Dexie row + entry': doc => rows(doc),
    'put, then row + entry': async doc => rows(await pouch.put(doc).then(() => doc)),
    'first revision and row + entry at once': doc => Promise.all([put(doc), rows(doc)]),
  }
  for (let i = 0; i < runs; i++) {
    for (const [name, run] of Object.entries(cases)) {
      const doc = makeHelpSession({ staff: 'vera' })
      await new Promise(resolve => setTimeout(resolve, settleMs))
      const t0 = performance.now()
      await run(doc)
      const ms = performance.now() - t0
      out[name] = [...(out[name] ?? []), ms]
    }
  }
  feed?.cancel()
  await pouch.destroy()
  dx.close()
  return out
}
