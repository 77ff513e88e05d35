import { type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import DeskToday from '../../../../src/features/desk/DeskToday.vue'
import { localDay } from '../../../../src/features/desk/useToday'
import { useAuthStore } from '../../../../src/stores/auth'
import { useSessionsStore } from '../../../../src/stores/sessions'
import { makeSessionInput } from '../../../factories/session-input'
import { closeApps, eventually, setupApp } from '../../support/app'
import { button } from '../../support/query'

afterEach(closeApps)
const mounted: VueWrapper[] = []
afterEach(() => mounted.splice(0).forEach(w => w.unmount()))

const followUps = (w: VueWrapper) => {
  const list = w.find('ul[aria-label="Op te volgen hulpvragen"]')
  return list.exists() ? list.text() : w.text()
}

describe('the follow-ups of the desk\'s today view', () => {
  it('lets the volunteer mark their own follow-up done, so it leaves the list', async () => {
    const app = setupApp()
    expect(await useAuthStore().signIn('anna', 'geheim-anna')).toBeNull()
    const yesterday = new Date(Date.now() - 86_400_000)
    const saved = await useSessionsStore().create(makeSessionInput({ startedAt: yesterday.toISOString(), followUp: localDay(), note: 'Terugbellen over itsme' }))
    expect(saved.ok).toBe(true)
    const w = app.render(DeskToday)
    mounted.push(w)
    await eventually(() => followUps(w), 'Terugbellen over itsme')
    // The due day in words of the user's language, not as a raw ISO date.
    const inWords = new Intl.DateTimeFormat('nl-BE', { dateStyle: 'medium' }).format(new Date())
    expect(followUps(w)).toContain(`opvolgen op ${inWords}`)
    const done = button(w, 'Opgevolgd')
    expect(done.attributes('aria-label')).toMatch(/^Opgevolgd: hulpvraag van \d{1,2}:\d{2}$/)
    await done.trigger('click')
    await eventually(() => followUps(w), 'Niets op te volgen.')
    const stored = await app.data.sessions.get(saved.ok ? saved.value._id : '')
    expect(stored).toMatchObject({ followUp: localDay(), followUpDone: localDay() })
  })
})
