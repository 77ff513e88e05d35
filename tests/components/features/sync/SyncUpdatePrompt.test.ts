import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import SyncUpdatePrompt from '../../../../src/features/sync/SyncUpdatePrompt.vue'
import { createAppI18n } from '../../../../src/i18n'
import { button } from '../../support/query'

// A stand-in for workbox-window: the browser's service worker life cycle cannot run in happy-dom.
const workbox = vi.hoisted(() => ({
  listeners: new Map<string, () => void>(),
  register: vi.fn(async () => undefined),
  messageSkipWaiting: vi.fn(),
  url: '',
}))
vi.mock('workbox-window', () => ({
  Workbox: class {
    constructor(url: string) {
      workbox.url = url
    }

    addEventListener(type: string, listener: () => void) {
      workbox.listeners.set(type, listener)
    }

    register = workbox.register
    messageSkipWaiting = workbox.messageSkipWaiting
  },
}))

afterEach(() => {
  vi.unstubAllEnvs()
  vi.unstubAllGlobals()
  Reflect.deleteProperty(navigator, 'serviceWorker')
  workbox.listeners.clear()
  workbox.register.mockClear()
})

const render = () => mount(SyncUpdatePrompt, { global: { plugins: [createAppI18n('nl')] } })

describe('the update prompt', () => {
  it('registers nothing outside a production build', () => {
    vi.stubEnv('PROD', false)
    render()
    expect(workbox.register).not.toHaveBeenCalled()
  })

  it('offers a waiting version and reloads once it has taken over', async () => {
    vi.stubEnv('PROD', true)
    Object.defineProperty(navigator, 'serviceWorker', { value: {}, configurable: true })
    const reload = vi.fn()
    vi.stubGlobal('location', { ...window.location, reload })
    const w = render()
    expect(workbox.url).toBe('/sw.js')
    expect(workbox.register).toHaveBeenCalledOnce()
    expect(w.text()).toBe('')

    workbox.listeners.get('waiting')!()
    await flushPromises()
    expect(w.text()).toContain('Nieuwe versie beschikbaar')
    await button(w, 'Vernieuwen').trigger('click')
    expect(workbox.messageSkipWaiting).toHaveBeenCalledOnce()
    workbox.listeners.get('controlling')!()
    expect(reload).toHaveBeenCalledOnce()
  })
})
