import type { Rng } from './random'

/*
 * Invented names: syllables put together, so no demo resident carries a real person's name.
 * They still read as names, which makes the screens look like a real Digibank's.
 */
const FIRST_START = ['Ma', 'Lie', 'Jo', 'An', 'Ro', 'El', 'Wa', 'Ke', 'Sa', 'Mi', 'Da', 'Fe', 'No', 'Ti', 'Ye', 'Ha']
const FIRST_END = ['rina', 'len', 'ris', 'ton', 'mi', 'ska', 'rek', 'tha', 'rio', 'na', 'des', 'lo', 'vin', 'ra']
const LAST_START = ['Van ', 'De ', '', '', 'Ver', 'Mer', 'Hol', 'Bra', 'Ste', 'Kor', 'Wil', 'Dam']
const LAST_MID = ['bro', 'sta', 'mel', 'ker', 'lin', 'dor', 'vel', 'gan', 'hof', 'ras', 'ber', 'tin']
const LAST_END = ['mans', 'aert', 'ens', 'eyck', 'donck', 'hoven', 'schot', 'broeck', 'kens', 'ers']

export function firstName(rng: Rng): string {
  return rng.pick(FIRST_START) + rng.pick(FIRST_END)
}

export function lastName(rng: Rng): string {
  const start = rng.pick(LAST_START)
  const rest = rng.pick(LAST_MID) + rng.pick(LAST_END)
  return start.endsWith(' ') ? start + rest[0]!.toUpperCase() + rest.slice(1) : start + rest
}
