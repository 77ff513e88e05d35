import { readStartSnapshot } from './start-snapshot'

/*
 * The first module to run (`main.ts` imports it before anything else; its one import has no
 * imports of its own at run time). With a snapshot of the last start, the first page is drawn from
 * it and the data layer loads after that page is on screen. Without one (a first start, or after
 * clearing the tablet) the router needs the data layer's stored profile first, so its chunk is
 * asked for now, before the shell's own modules (Vue, the router, the texts) are evaluated.
 */
export const startSnapshot = readStartSnapshot()
const early = startSnapshot ? null : import('./data')

/** The data layer's module: the one asked for early, or a fresh request. */
export function dataModule(): Promise<typeof import('./data')> {
  return early ?? import('./data')
}
