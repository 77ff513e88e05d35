/**
 * "Usable", as an expression a page evaluates: a form whose first field is enabled (it takes
 * typing at once) and whose submit button is enabled. The same test for the app and the blank
 * page: `bench/browser.ts` times a cold start until it holds, and the e2e specs check which form
 * (the kept one or the app's) held it first.
 */
export const USABLE_FORM = `[...document.forms].some(f => {
  const first = f.querySelector('input, select, textarea')
  const submit = f.querySelector('button[type="submit"]')
  return first && !first.disabled && submit && !submit.disabled
})`
