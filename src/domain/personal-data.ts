/**
 * Spots personal data that must not sit in a free-text note: a Belgian national register number
 * (rijksregisternummer), a bank account number (IBAN) or a phone number. The app warns while the
 * volunteer types; the coordinator's inbox lists notes that were saved anyway. Checksums keep
 * ordinary numbers (a meter reading, an amount) from raising false alarms.
 */
export type PersonalDataKind = 'nationalNumber' | 'iban' | 'phone'

export interface PersonalDataHit {
  kind: PersonalDataKind
  /** Where the match starts and ends in the text, so a form can point at it. */
  start: number
  end: number
}

const NATIONAL_NUMBER = /\b(\d{2})[ .]?(\d{2})[ .]?(\d{2})[ .-]?(\d{3})[ .-]?(\d{2})\b/g
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g
const PHONE = /(?<![\d+])(?:\+32|0032|0)[ ./-]?(?:4\d{2}|[1-9]\d?)(?:[ ./-]?\d{2}){3}(?!\d)/g

export function isValidNationalNumber(digits: string): boolean {
  if (!/^\d{11}$/.test(digits))
    return false
  const base = Number(digits.slice(0, 9))
  const check = Number(digits.slice(9))
  // People born from 2000 on get a 2 in front of the nine digits before the modulo.
  return 97 - (base % 97) === check || 97 - ((2_000_000_000 + base) % 97) === check
}

export function isValidIban(raw: string): boolean {
  const iban = raw.replace(/\s+/g, '').toUpperCase()
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban))
    return false
  if (iban.startsWith('BE') && iban.length !== 16)
    return false
  const rearranged = iban.slice(4) + iban.slice(0, 4)
  let remainder = 0
  for (const ch of rearranged) {
    const value = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch
    for (const digit of value)
      remainder = (remainder * 10 + Number(digit)) % 97
  }
  return remainder === 1
}

function collect(text: string, pattern: RegExp, kind: PersonalDataKind, accept: (match: string) => boolean): PersonalDataHit[] {
  const hits: PersonalDataHit[] = []
  for (const m of text.matchAll(pattern)) {
    if (accept(m[0]))
      hits.push({ kind, start: m.index, end: m.index + m[0].length })
  }
  return hits
}

/** An IBAN followed by more capitals ("BE68 5390 0754 7034 KBC") is retried without the tail. */
function findIbans(text: string): PersonalDataHit[] {
  const hits: PersonalDataHit[] = []
  for (const m of text.toUpperCase().matchAll(IBAN)) {
    let candidate = m[0]
    while (candidate.length >= 15 && !isValidIban(candidate))
      candidate = candidate.slice(0, candidate.lastIndexOf(' ') > 4 ? candidate.lastIndexOf(' ') : candidate.length - 1).trimEnd()
    if (isValidIban(candidate))
      hits.push({ kind: 'iban', start: m.index, end: m.index + candidate.length })
  }
  return hits
}

export function findPersonalData(text: string): PersonalDataHit[] {
  const hits = [
    ...collect(text, NATIONAL_NUMBER, 'nationalNumber', m => isValidNationalNumber(m.replace(/\D/g, ''))),
    ...findIbans(text),
  ]
  const overlaps = (start: number, end: number) => hits.some(h => start < h.end && end > h.start)
  for (const phone of collect(text, PHONE, 'phone', () => true)) {
    if (!overlaps(phone.start, phone.end))
      hits.push(phone)
  }
  return hits.sort((a, b) => a.start - b.start)
}

/** The kinds found, once each, for a warning line. */
export function personalDataKinds(text: string): PersonalDataKind[] {
  return [...new Set(findPersonalData(text).map(h => h.kind))]
}
