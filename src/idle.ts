/** Runs `fn` once the tablet has nothing else to do (or after a while: not every browser says when). */
export function whenIdle(fn: () => void): void {
  if ('requestIdleCallback' in window)
    requestIdleCallback(fn, { timeout: 3000 })
  else
    setTimeout(fn, 1000)
}
