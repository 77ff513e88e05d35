import { isReactive } from 'vue'
import { describe, expect, it } from 'vitest'
import { createAppI18n, loadLocaleMessages } from '../../../src/i18n'

/*
 * Texts are kept out of Vue's reactivity (see createAppI18n): a translation then reads plain
 * objects instead of walking proxies and recording each step as a dependency of the component.
 */
describe('the texts of the app', () => {
  it('are not made reactive, neither Dutch nor a language loaded later', async () => {
    const i18n = createAppI18n()
    const messages = i18n.global.messages.value as Record<string, unknown>
    expect(isReactive(messages.nl)).toBe(false)
    await loadLocaleMessages(i18n.global, 'fr')
    expect(isReactive((i18n.global.messages.value as Record<string, unknown>).fr)).toBe(false)
    expect(i18n.global.t('app.home')).not.toBe('app.home')
  })
})
