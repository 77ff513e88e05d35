import { afterEach, describe, expect, it } from 'vitest'
import type { ConflictDetail } from '../../../../src/data'
import InboxRevisionTable from '../../../../src/features/inbox/InboxRevisionTable.vue'
import { fieldLabelKey } from '../../../../src/features/inbox/fieldLabels'
import { messages } from '../../../../src/i18n/messages'
import { makeAppSettings } from '../../../factories/app-settings'
import { makeCourse, makeCourseSessions, makeEnrolment } from '../../../factories/course'
import { makeDevice, makeDeviceEvent } from '../../../factories/device'
import { makeHelpSession } from '../../../factories/help-session'
import { makeLoan } from '../../../factories/loan'
import { makePerson } from '../../../factories/person'
import { closeApps, setupApp } from '../../support/app'

afterEach(closeApps)

/** Two versions of one help session: the volunteer's and a second tablet's. */
function detail(): ConflictDetail {
  const a = makeHelpSession({ helpMode: 'samen-gedaan', durationMinutes: 15 })
  const b = { ...a, helpMode: 'uitgelegd', durationMinutes: 25, location: 'loc-arendonk-bib' }
  return {
    id: a._id,
    db: 'dgb-m-arendonk',
    kind: 'help-session',
    revisions: [{ rev: '2-a', body: a }, { rev: '2-b', body: b }],
    differences: [{ field: 'createdBy', values: ['vera', 'ben'] }, { field: 'durationMinutes', values: [15, 25] }, { field: 'helpMode', values: ['samen-gedaan', 'uitgelegd'] }, { field: 'location', values: ['loc-arendonk-bib', 'loc-arendonk-bib'] }],
  }
}

function lookUp(locale: 'nl' | 'fr' | 'en', key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages[locale])
}

describe('the conflict table', () => {
  it('names each field with the label of its form, in the user\'s language, and rooms by name', async () => {
    const app = setupApp()
    const w = app.render(InboxRevisionTable, { detail: detail(), modelValue: {} })
    const heads = () => w.findAll('tbody th').map(th => th.text())
    expect(heads()).toEqual(['Gemaakt door', 'Duur (minuten)', 'Hoe geholpen', 'Locatie'])
    expect(w.text()).not.toContain('durationMinutes')
    expect(w.text()).toContain('Bibliotheek Arendonk')
    expect(w.text()).toContain('Samen gedaan')
    expect(w.text()).not.toContain('samen-gedaan')
    expect(w.find('input[type="radio"]').attributes('aria-label')).toBe('Kies Gemaakt door van versie 1')
    app.i18n.global.locale.value = 'en'
    await w.vm.$nextTick()
    expect(heads()).toEqual(['Created by', 'Duration (minutes)', 'How helped', 'Location'])
  })

  it('has a label in nl, fr and en for every field of every record kind a coordinator may have to merge', () => {
    const course = makeCourse()
    const refurbished = makeDeviceEvent('DB-0001', 'refurbished')
    const records: Array<Record<string, unknown>> = [
      makeHelpSession({ followUp: '2025-03-20', referral: 'ocmw', note: 'Vraag over de factuur' }),
      makePerson(),
      makeDevice(),
      makeDeviceEvent('DB-0001', 'intake'),
      refurbished,
      makeLoan({ assetTag: 'DB-0001', refurbishmentId: refurbished._id }),
      course,
      makeCourseSessions(course)[0]!,
      makeEnrolment(course),
      makeAppSettings(),
    ]
    const missing: string[] = []
    for (const doc of records) {
      for (const field of Object.keys(doc).filter(f => !f.startsWith('_') && f !== 'updatedAt')) {
        const key = fieldLabelKey(String(doc.kind), field)
        for (const locale of ['nl', 'fr', 'en'] as const) {
          if (key === null || typeof lookUp(locale, key) !== 'string')
            missing.push(`${locale} ${String(doc.kind)}.${field}`)
        }
      }
    }
    expect(missing).toEqual([])
  })
})
