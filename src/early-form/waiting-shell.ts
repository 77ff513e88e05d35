/**
 * Which cached app shell belongs to the new version that waits to take over. A waiting service
 * worker has precached its whole build, index.html included, next to the running version's files
 * in the same precache, under `/index.html?__WB_REVISION__=<its revision>`. The running worker
 * knows only its own shell's key, so the other shell is the waiting version's: the one cached
 * last (its `Date`), when a version installed earlier was passed over by a newer one before it
 * took over. The hidden frame of that version (`keep-frame.ts`) is served this shell, so the new
 * version draws its form from the tablet alone, with or without a network.
 * No imports: the service worker uses it too.
 */
export interface CachedShell {
  /** The cache key: the page's address with the precache's revision parameter. */
  url: string
  /** The `Date` header the server answered it with; null when there was none. */
  date: string | null
}

/** The app shell's address, which every version precaches (under its own revision). */
export const SHELL_PATH = '/index.html'

/** Whether a precache key is a version's app shell. */
export function isShell(url: string): boolean {
  return new URL(url).pathname === SHELL_PATH
}

/** The cache key of the waiting version's shell among `cached`, or undefined when only `own` is there. */
export function waitingShell(cached: readonly CachedShell[], own: string | undefined): string | undefined {
  let found: { url: string, at: number } | undefined
  for (const entry of cached) {
    if (entry.url === own || !isShell(entry.url))
      continue
    const parsed = entry.date === null ? Number.NaN : Date.parse(entry.date)
    const at = Number.isNaN(parsed) ? Number.NEGATIVE_INFINITY : parsed
    // Two shells cached within the same second (or without a date): the one listed later.
    if (!found || at >= found.at)
      found = { url: entry.url, at }
  }
  return found?.url
}
