/**
 * Limits failed sign-ins, per account and per address, so passwords cannot be guessed at the
 * speed of the network. Each failure adds to a counter that forgets after `windowMs`; past its
 * maximum in a window the key is blocked until the window ends. An address gets several times the
 * allowance of an account, since a computer room's tablets share one address. A success clears
 * the account's counter, not the address's: one right password must not unlock guessing others.
 */
export class RateLimiter {
  private readonly failures = new Map<string, { count: number, until: number }>()

  constructor(
    readonly maxPerAccount = 10,
    readonly maxPerAddress = maxPerAccount * 5,
    readonly windowMs = 15 * 60_000,
    private readonly now = () => Date.now(),
  ) {}

  /** Seconds to wait when `name` or `address` is blocked, else 0. */
  retryAfter(name: string, address: string): number {
    const t = this.now()
    let wait = 0
    for (const [key, max] of this.keys(name, address)) {
      const entry = this.failures.get(key)
      if (!entry)
        continue
      if (entry.until <= t)
        this.failures.delete(key)
      else if (entry.count >= max)
        wait = Math.max(wait, Math.ceil((entry.until - t) / 1000))
    }
    return wait
  }

  fail(name: string, address: string): void {
    const t = this.now()
    for (const [key] of this.keys(name, address)) {
      const entry = this.failures.get(key)
      if (entry && entry.until > t)
        entry.count += 1
      else
        this.failures.set(key, { count: 1, until: t + this.windowMs })
    }
    if (this.failures.size > 100_000)
      this.prune(t)
  }

  succeed(name: string): void {
    this.failures.delete(`n:${name}`)
  }

  private keys(name: string, address: string): [string, number][] {
    return [[`n:${name}`, this.maxPerAccount], [`a:${address}`, this.maxPerAddress]]
  }

  private prune(t: number): void {
    for (const [key, entry] of this.failures) {
      if (entry.until <= t)
        this.failures.delete(key)
    }
  }
}
