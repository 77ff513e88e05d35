import { afterEach, describe, expect, it } from 'vitest'
import DashboardBreakdown from '../../../../src/features/dashboard/DashboardBreakdown.vue'
import { barShares } from '../../../../src/features/dashboard/bars'
import { closeApps, setupApp } from '../../support/app'

afterEach(closeApps)

describe('a breakdown of the dashboard', () => {
  it('gives the largest count the whole bar and the others their share, in the given order', () => {
    const rows = barShares(new Map([['itsme', 30], ['tax-on-web', 0], ['jobbonus', 12], ['andere', 60]]))
    expect(rows).toEqual([
      { key: 'itsme', count: 30, share: 0.5 },
      { key: 'tax-on-web', count: 0, share: 0 },
      { key: 'jobbonus', count: 12, share: 0.2 },
      { key: 'andere', count: 60, share: 1 },
    ])
    expect(barShares(new Map([['a', 0], ['b', 0]])).map(r => r.share)).toEqual([0, 0])
    expect(barShares(new Map())).toEqual([])
  })

  it('shows each count in the user\'s language with a bar as long as its share, the bar hidden from screen readers', async () => {
    const app = setupApp()
    const counts = new Map([['arendonk', 1234], ['beerse', 617], ['baarle-hertog', 0]])
    const w = app.render(DashboardBreakdown, { title: 'Inwoners per gemeente', counts, label: (k: string) => k.toUpperCase() })
    expect(w.find('h2').text()).toBe('Inwoners per gemeente')
    expect(w.find('caption').text()).toBe('Grafiek: Inwoners per gemeente')
    expect(w.findAll('thead th').map(th => th.text())).toEqual(['Wat', 'Aantal'])
    expect(w.findAll('tbody th').map(th => th.text())).toEqual(['ARENDONK', 'BEERSE', 'BAARLE-HERTOG'])
    expect(w.findAll('tbody td').map(td => td.text())).toEqual(['1.234', '617', '0'])
    const bars = w.findAll('.breakdown__bar')
    expect(bars.map(b => (b.element as HTMLElement).style.inlineSize)).toEqual(['100%', '50%', '0%'])
    expect(w.findAll('.breakdown__track').every(t => t.attributes('aria-hidden') === 'true')).toBe(true)
    app.i18n.global.locale.value = 'fr'
    await w.vm.$nextTick()
    expect(w.findAll('tbody td').map(td => td.text())).toEqual(['1\u202F234', '617', '0'])
    expect(w.findAll('thead th').map(th => th.text())).toEqual(['Quoi', 'Nombre'])
  })
})
