/**
 * Personal PINs for unlocking a shared tablet offline. A PIN guards a tablet that is already in a
 * staffed room, not an account: the password stays the real secret, and a PIN only works on the
 * tablet where its owner signed in online. Still, the easiest guesses are refused, and five wrong
 * tries block it until its owner signs in with their password again.
 */
export const PIN_MIN_LENGTH = 4
export const PIN_MAX_LENGTH = 8
/** Wrong PINs in a row before that person's PIN is blocked on this tablet. */
export const PIN_MAX_ATTEMPTS = 5
/** PBKDF2-SHA256 rounds for the stored hash: slow enough that a stolen tablet's hashes take long to guess. */
export const PIN_HASH_ITERATIONS = 600_000

export type PinIssue = 'format' | 'allSame' | 'sequence'

/** Why `pin` may not be used, or null when it is fine. */
export function checkPin(pin: string): PinIssue | null {
  if (!/^\d+$/.test(pin) || pin.length < PIN_MIN_LENGTH || pin.length > PIN_MAX_LENGTH)
    return 'format'
  const digits = [...pin].map(Number)
  if (digits.every(d => d === digits[0]))
    return 'allSame'
  if (isRun(digits, 1) || isRun(digits, -1))
    return 'sequence'
  return null
}

/** 1234, 4567, 8765, and wrapping runs like 8901 or 2109: each digit one step from the last. */
function isRun(digits: number[], step: 1 | -1): boolean {
  return digits.every((d, i) => i === 0 || d === (digits[i - 1]! + step + 10) % 10)
}

/** Tries left before the PIN is blocked, after `failed` wrong PINs in a row. */
export function pinAttemptsLeft(failed: number): number {
  return Math.max(0, PIN_MAX_ATTEMPTS - failed)
}
