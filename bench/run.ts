/**
 * `npm run bench [-- --quick]`: every benchmark, one after the other, each printing its figures and
 * its ratio to the reference measured in the same run. Installs bench/'s own dependencies
 * (pouchdb-server, the reference) on first use; the root `npm ci` never does.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './lib/servers'

const quick = process.argv.includes('--quick')
const bench = join(ROOT, 'bench')
if (!existsSync(join(bench, 'node_modules', 'pouchdb-server'))) {
  console.log('Installing the bench reference (pouchdb-server 4.2) into bench/node_modules …')
  // No install scripts needed: leveldown ships prebuilt binaries, sqlite3 (websql) stays unused.
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: bench, stdio: 'inherit' })
}

const tsx = join(ROOT, 'node_modules', '.bin', 'tsx')
const flags = quick ? ['--quick'] : []
// The browser twice: its benches, then the first start of a new version (`--after-update`). Then
// the desk's resident search and the coordinators' audit screen, each against its bare lookup.
for (const [script, ...args] of [['sync-throughput.ts'], ['server-load.ts'], ['browser.ts'], ['browser.ts', '--after-update'], ['desk-search.ts'], ['audit-query.ts'], ['budget.ts', '--report-only']] as const)
  execFileSync(tsx, [join(bench, script), ...flags, ...args], { cwd: ROOT, stdio: 'inherit' })
