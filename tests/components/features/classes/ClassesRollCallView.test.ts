import { afterEach, describe, expect, it } from 'vitest'
import ClassesRollCallView from '../../../../src/features/classes/ClassesRollCallView.vue'
import { newId } from '../../../../src/domain'
import { useClassesStore } from '../../../../src/stores/classes'
import { closeApps, eventually } from '../../support/app'
import { button } from '../../support/query'
import { carlasCourse } from './course'

afterEach(closeApps)

// Roll call on the real data layer (fake-indexeddb), offline: the fake server refuses replication.
async function rollCallFor(names: string[]) {
  const { classes, course, sessions, ...app } = await carlasCourse()
  for (const name of names)
    await classes.enrol(course._id, { id: newId('person'), name })
  await app.router.push(`/lessen/${course._id}/les/${sessions[0]!._id}`)
  await app.router.isReady()
  return { ...app, w: app.render(ClassesRollCallView), course, session: sessions[0]! }
}

const card = (w: Awaited<ReturnType<typeof rollCallFor>>['w'], name: string) => {
  const found = w.findAll('.classes-mark__tap').find(b => b.text().includes(name))
  if (!found)
    throw new Error(`no card for ${name} in ${w.text()}`)
  return found
}

describe('roll call', () => {
  it('cycles a participant through the four statuses, one tap each', async () => {
    const { w, session } = await rollCallFor(['An Peeters', 'Bart Claes'])
    await eventually(() => w.text(), 'An Peeters')
    expect(card(w, 'An Peeters').text()).toContain('Nog niet ingevuld')
    let stored = ''
    const stop = useClassesStore().watchRollCall(session._id, (c) => {
      stored = c?.entries.find(e => e.name === 'An Peeters')?.status ?? ''
    })
    const seen: string[] = []
    for (const [expected, status] of [['Aanwezig', 'aanwezig'], ['Te laat', 'te-laat'], ['Verontschuldigd', 'verontschuldigd'], ['Afwezig', 'afwezig'], ['Aanwezig', 'aanwezig']] as const) {
      await card(w, 'An Peeters').trigger('click')
      await eventually(() => card(w, 'An Peeters').text(), expected)
      await eventually(() => stored, status)
      seen.push(card(w, 'An Peeters').text().replace('An Peeters', '').replace(/[^A-Za-z ]/g, '').trim())
    }
    stop()
    expect(seen).toEqual(['Aanwezig', 'Te laat', 'Verontschuldigd', 'Afwezig', 'Aanwezig'])
    expect(card(w, 'Bart Claes').text()).toContain('Nog niet ingevuld')
    // Offline: the mark waits for synchronisation, and the card says so.
    await eventually(() => w.text(), 'Nog niet gesynchroniseerd')
  })

  it('counts quick taps on from each other, before the first mark is shown', async () => {
    const { w, session } = await rollCallFor(['An Peeters'])
    await eventually(() => w.text(), 'An Peeters')
    // Two taps in a row, with no wait in between: present, then late.
    await Promise.all([card(w, 'An Peeters').trigger('click'), card(w, 'An Peeters').trigger('click')])
    await eventually(() => card(w, 'An Peeters').text(), 'Te laat')
    let stored = ''
    const stop = useClassesStore().watchRollCall(session._id, (c) => {
      stored = c?.entries[0]?.status ?? ''
    })
    await eventually(() => stored, 'te-laat')
    stop()
  })

  it('marks everyone without a mark present in one tap, keeping a mark already given', async () => {
    const { w } = await rollCallFor(['An Peeters', 'Bart Claes', 'Chris Wouters'])
    await eventually(() => w.text(), 'Chris Wouters')
    for (let i = 0; i < 4; i++) {
      await card(w, 'Bart Claes').trigger('click')
      await eventually(() => card(w, 'Bart Claes').text(), ['Aanwezig', 'Te laat', 'Verontschuldigd', 'Afwezig'][i]!)
    }
    await button(w, 'Iedereen aanwezig').trigger('click')
    await eventually(() => card(w, 'Chris Wouters').text(), 'Aanwezig')
    await eventually(() => card(w, 'An Peeters').text(), 'Aanwezig')
    expect(card(w, 'Bart Claes').text()).toContain('Afwezig')
  })

  it('keeps a note per participant', async () => {
    const { w, session } = await rollCallFor(['An Peeters'])
    await eventually(() => w.text(), 'An Peeters')
    await w.find('input.input').setValue('Had geen oplader mee')
    await button(w, 'Notitie bewaren').trigger('click')
    const store = useClassesStore()
    await eventually(() => w.text(), 'Aanwezig')
    let note = ''
    const stop = store.watchRollCall(session._id, (c) => {
      note = c?.entries[0]?.note ?? ''
    })
    await eventually(() => note, 'Had geen oplader mee')
    stop()
  })
})
