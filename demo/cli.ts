/**
 * `npm run demo`: fills a fresh sync-server with a generated Digibank year. Start the server first
 * (`npm start`), then in another terminal:
 *   ADMIN_USER=admin ADMIN_PASSWORD=... npm run demo
 * Options (environment): SERVER_URL (default http://127.0.0.1:$PORT or :8080), DEMO_SEED (2026),
 * DEMO_TO (last day of the year, 2026-11-28), DEMO_PASSWORD (password of the demo staff accounts,
 * default demo-digibalie), DEMO_SCALE (1 = 3,000 residents and 20,000 help sessions).
 */
import { FULL_YEAR, generateDemo } from './generate'
import { loadDemo } from './load'

async function main(): Promise<void> {
  const url = process.env.SERVER_URL ?? `http://127.0.0.1:${process.env.PORT ?? '8080'}`
  const user = process.env.ADMIN_USER
  const password = process.env.ADMIN_PASSWORD
  if (!user || !password) {
    console.error('Set ADMIN_USER and ADMIN_PASSWORD (the server admin that npm start printed or was given).')
    process.exit(2)
  }
  const scale = Number(process.env.DEMO_SCALE ?? '1')
  const size = Object.fromEntries(Object.entries(FULL_YEAR).map(([k, n]) => [k, Math.max(1, Math.round(n * scale))])) as typeof FULL_YEAR
  const started = Date.now()
  const data = generateDemo({ seed: Number(process.env.DEMO_SEED ?? '2026'), to: process.env.DEMO_TO ?? '2026-11-28', ...size })
  const staffPassword = process.env.DEMO_PASSWORD ?? 'demo-digibalie'
  await loadDemo(data, { url, user, password, staffPassword, log: line => console.log(line) })
  console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s. Demo staff accounts (password "${staffPassword}"): ${data.accounts.map(a => a.name).join(', ')}`)
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
