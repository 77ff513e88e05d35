import { buildSync } from 'esbuild'
import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

export const SERVER_BUNDLE = 'dist-server/cli.mjs'

/**
 * Bundles the sync-server (and the domain code it shares with the app) into one JavaScript file,
 * so `npm start` runs plain `node` instead of compiling TypeScript in the server process: that
 * compiler and its loader thread cost a third of an idle server's memory. Packages stay in
 * node_modules, so the file must sit inside the project folder.
 */
export function buildServer(outfile = SERVER_BUNDLE): string {
  const root = resolve(import.meta.dirname, '..')
  const out = resolve(root, outfile)
  const { outputFiles } = buildSync({
    entryPoints: [resolve(root, 'sync-server/cli.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
    write: false,
  })
  // Each file is written whole under another name and then renamed: a server started from the
  // same path by another process (two benchmarks at once) never runs a half-written bundle.
  mkdirSync(dirname(out), { recursive: true })
  for (const file of outputFiles) {
    const part = `${file.path}.${process.pid}.part`
    writeFileSync(part, file.contents)
    renameSync(part, file.path)
  }
  return out
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  console.log(`sync-server built: ${buildServer(process.argv[2])}`)
