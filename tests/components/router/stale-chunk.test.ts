import { afterEach, describe, expect, it, vi } from 'vitest'
import { closeApps, setupApp } from '../support/app'

afterEach(async () => {
  vi.restoreAllMocks()
  sessionStorage.clear()
  await closeApps()
})

/** A page whose chunk the service worker no longer has, as Chromium reports it. */
const stale = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module: /assets/page-old.js'))

describe('a page chunk of a replaced version', () => {
  it('reloads the app at that page once, and not again when the page still fails', async () => {
    const { router } = setupApp()
    const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => undefined)
    router.addRoute({ path: '/oud', component: stale, meta: { public: true } })

    await router.push('/oud').catch(() => undefined)
    expect(assign).toHaveBeenCalledTimes(1)
    expect(assign).toHaveBeenCalledWith('/oud')

    // After the reload the same page fails again: show the error instead of reloading forever.
    await router.push('/oud').catch(() => undefined)
    expect(assign).toHaveBeenCalledTimes(1)
  })

  it('leaves other navigation errors alone', async () => {
    const { router } = setupApp()
    const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => undefined)
    router.addRoute({ path: '/fout', component: () => Promise.reject(new Error('a bug in the page')), meta: { public: true } })

    await router.push('/fout').catch(() => undefined)
    expect(assign).not.toHaveBeenCalled()
  })
})
