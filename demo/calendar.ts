/** Calendar helpers in UTC: the demo year is a list of days, and times are set on them. */
export const DAY_MS = 86_400_000

export function dayMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`)
}

export function addDays(day: string, days: number): string {
  return new Date(dayMs(day) + days * DAY_MS).toISOString().slice(0, 10)
}

/** Opening days of a computer room (Monday to Saturday) from `from` to `to`, both included. */
export function openingDays(from: string, to: string): string[] {
  const days: string[] = []
  for (let t = dayMs(from); t <= dayMs(to); t += DAY_MS) {
    if (new Date(t).getUTCDay() !== 0)
      days.push(new Date(t).toISOString().slice(0, 10))
  }
  return days
}

/** An ISO timestamp on `day` at `minutes` past midnight (UTC). */
export function at(day: string, minutes: number): string {
  return new Date(dayMs(day) + minutes * 60_000).toISOString()
}
