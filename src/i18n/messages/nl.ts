import core from '../nl'
import type { MessageSchema } from '../nl'
import { featureTexts } from './pick'

/*
 * All texts of one language in one module. The production build swaps this module for the same
 * texts precompiled, with only this language in it (see `precompiledMessages` in vite.config.ts).
 */
export default { ...core, ...featureTexts('nl') } satisfies MessageSchema
