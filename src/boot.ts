/*
 * The first module to run: it asks for the data layer's chunk before the shell's own modules
 * (Vue, the router, the texts) are evaluated, so the chunk arrives and is compiled meanwhile.
 * `main.ts` imports this module before anything else; keep it free of imports of its own.
 */
export const dataModule = import('./data')
