import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import LocaleSwitch from '../../../src/components/LocaleSwitch.vue'
import { createAppI18n } from '../../../src/i18n'

afterEach(() => {
  localStorage.clear()
  document.body.innerHTML = ''
})

/** The switch as the app has it: only Dutch in the shell, other languages loaded on demand. */
function render() {
  const i18n = createAppI18n()
  const wrapper = mount(LocaleSwitch, { attachTo: document.body, global: { plugins: [i18n] } })
  return { i18n, wrapper }
}

describe('the language switch', () => {
  it('loads French when chosen, then shows it, tells the page and remembers it', async () => {
    const { i18n, wrapper } = render()
    expect(i18n.global.availableLocales).toEqual(['nl'])
    expect(wrapper.get('label').text()).toBe('Taal')

    await wrapper.get('select').setValue('fr')
    await expect.poll(async () => {
      await flushPromises()
      return wrapper.get('label').text()
    }).toBe('Langue')
    expect(i18n.global.locale.value).toBe('fr')
    expect(document.documentElement.lang).toBe('fr')
    expect(localStorage.getItem('digibalie.locale')).toBe('fr')
  })

  it('goes back to Dutch without loading anything', async () => {
    const { i18n, wrapper } = render()
    await wrapper.get('select').setValue('en')
    await expect.poll(async () => {
      await flushPromises()
      return wrapper.get('label').text()
    }).toBe('Language')
    await wrapper.get('select').setValue('nl')
    await flushPromises()
    expect(wrapper.get('label').text()).toBe('Taal')
    expect([...i18n.global.availableLocales].sort()).toEqual(['en', 'nl'])
  })
})
