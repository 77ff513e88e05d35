import { buildSync } from 'esbuild'
import { fileURLToPath } from 'node:url'

const writeRules = fileURLToPath(new URL('../../src/domain/write-rules.ts', import.meta.url))

/**
 * The source of a CouchDB `validate_doc_update` function that applies exactly the domain's write
 * rules (`src/domain/write-rules.ts`), bundled with everything they import. CouchDB passes the
 * database name in `userCtx.db`, which the rules need to know which record kinds belong where.
 * Needs a CouchDB whose JavaScript engine understands ES2020 (3.2+ with SpiderMonkey 91, or QuickJS).
 */
export function validateDocUpdateSource(): string {
  const bundle = buildSync({
    entryPoints: [writeRules],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'digibalieRules',
    target: 'es2020',
    platform: 'neutral',
    minify: false,
    legalComments: 'none',
  })
  const code = bundle.outputFiles[0]!.text
  return [
    'function (newDoc, oldDoc, userCtx, secObj) {',
    code,
    '  var previous = oldDoc && !oldDoc._deleted ? oldDoc : null;',
    '  var reason = digibalieRules.checkWrite(userCtx.db, newDoc, previous, { name: userCtx.name, roles: userCtx.roles });',
    '  if (reason) { throw ({ forbidden: reason }); }',
    '}',
  ].join('\n')
}

export function designDocument(): { _id: string, language: string, validate_doc_update: string } {
  return { _id: '_design/digibalie', language: 'javascript', validate_doc_update: validateDocUpdateSource() }
}
