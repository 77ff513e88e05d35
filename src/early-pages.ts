/*
 * The code of the two pages a cold start draws before the data layer (`meta.early` in the
 * router): the home page and the new help-session form. `boot.ts` asks for the one at the address
 * as its first act, so the page's chunk arrives through the service worker while the shell's own
 * modules still run, instead of being asked for only once the router exists; the router's lazy
 * route then finds it loaded. One loader per page, shared, so both ask for the same module.
 * No imports at run time: `boot.ts` runs before the shell's modules.
 */
export const HomeView = () => import('./features/home/HomeView.vue')
export const SessionsNewView = () => import('./features/sessions/SessionsNewView.vue')

const EARLY_PAGES: Record<string, () => Promise<unknown>> = {
  '/': HomeView,
  '/hulpvraag/nieuw': SessionsNewView,
}

/** Starts loading the page drawn early at `path`, if there is one (a failed load is the router's to show). */
export function preloadEarlyPage(path: string): void {
  EARLY_PAGES[path]?.().catch(() => undefined)
}
