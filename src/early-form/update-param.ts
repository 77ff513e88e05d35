/**
 * The query parameter of the hidden frame that draws the form of a new version while it waits
 * (`keep-frame.ts`): the service worker answers that one navigation with the waiting version's
 * shell (`waiting-shell.ts`), so the frame runs the new version's code instead of its own. Old
 * and new versions must agree on it, so it never changes. No imports: the service worker uses it too.
 */
export const UPDATE_FRAME_PARAM = 'digibalie-update-form'
