import { afterEach, describe, expect, it, vi } from 'vitest'
import type { DataLayer } from '../../src/data'
import { ReadModel } from '../../src/data/read-model'
import { makeSessionInputs } from '../factories/session-input'
import { makeHelpSession } from '../factories/help-session'
import { localDb, newDevice, volunteer } from './helpers/device'

const staff = volunteer('vera', 'arendonk', 'ravels')
const open: DataLayer[] = []

afterEach(async () => {
  await Promise.all(open.splice(0).map(d => d.close()))
})

/** A device holding sessions of both kinds of origin: its own writes and documents from elsewhere. */
async function populatedDevice() {
  const device = newDevice()
  open.push(device.data)
  for (const input of makeSessionInputs(40))
    await device.data.sessions.create(input, staff)
  for (const input of makeSessionInputs(5, { location: 'loc-ravels-bib' }))
    await device.data.sessions.create(input, staff)
  const db = localDb(device.prefix, 'dgb-m-arendonk')
  const other = makeHelpSession({ staff: 'wim' })
  await db.bulkDocs([
    { ...other, _rev: '1-aaa', _revisions: { start: 1, ids: ['aaa'] } },
    { ...other, outcome: 'niet', _rev: '1-bbb', _revisions: { start: 1, ids: ['bbb'] } },
  ], { new_edits: false })
  const victim = (await device.data.sessions.list({ municipalities: ['arendonk'], createdBy: 'vera', limit: 1 }))[0]!
  await db.remove(victim.id, victim.rev)
  await db.close()
  // Own writes show at once; the documents from elsewhere arrive through the changes feed.
  await vi.waitFor(async () => {
    const rows = await device.data.sessions.list({})
    expect(rows.filter(r => r.conflicted).map(r => r.createdBy)).toEqual(['wim'])
    expect(rows.map(r => r.id)).not.toContain(victim.id)
  })
  return device
}

describe('read model', () => {
  it('rebuilds to exactly the same rows, even from a damaged read model', async () => {
    const { data, prefix } = await populatedDevice()
    const before = await data.sessions.list({})
    expect(before.filter(r => r.conflicted).map(r => r.createdBy)).toEqual(['wim'])
    // Own writes are pending (no server yet); the document from elsewhere is not.
    expect(before.filter(r => r.pending)).toHaveLength(44)

    // Damage it the way a bug or an aborted upgrade might: a row lost, a row that should not exist.
    const rm = new ReadModel(`${prefix}digibalie`)
    await rm.sessions.delete(before[10]!.id)
    await rm.sessions.update(before[20]!.id, { outcome: 'bogus' })
    await rm.sessions.put({ ...(await rm.sessions.get(before[30]!.id))!, id: 'session:ghost' })
    rm.close()
    expect(await data.sessions.list({})).not.toEqual(before)

    await data.readModel.rebuild()

    expect(await data.sessions.list({})).toEqual(before)
  })

  it('resumes from its checkpoint after a restart and projects what arrived meanwhile', async () => {
    const { data, prefix } = await populatedDevice()
    const before = await data.sessions.list({})
    await open.splice(0)[0]!.close()
    // The checkpoint of each database is where its changes feed ended.
    const rm = new ReadModel(`${prefix}digibalie`)
    const arendonk = localDb(prefix, 'dgb-m-arendonk')
    expect((await rm.checkpoints.get('dgb-m-arendonk'))?.seq).toBe((await arendonk.info()).update_seq)
    rm.close()
    await arendonk.close()

    // While the app is closed, another tab (or a pull) writes into PouchDB.
    const db = localDb(prefix, 'dgb-m-ravels')
    const late = makeHelpSession({ staff: 'wim', location: 'loc-ravels-weelde' })
    await db.put(late)
    await db.close()

    const reopened = newDevice({ localPrefix: prefix }).data
    open.push(reopened)
    await vi.waitFor(async () => expect(await reopened.sessions.list({})).toHaveLength(before.length + 1))
    const after = await reopened.sessions.list({})
    expect(after.filter(r => r.id !== late._id)).toEqual(before)
    // Offline, a revision found after the checkpoint could be this device's own save cut short before
    // its outbox entry, so it counts as owed until the server says it has it (\`Outbox.reconcile\`).
    expect(after.find(r => r.id === late._id)).toMatchObject({ createdBy: 'wim', pending: true, conflicted: false })
  })
})
