/**
 * The six municipalities of the Noorderkempen Digibank, and their default computer rooms (digipunten).
 * Slugs are stable identifiers: they appear in database names and role names, so never rename one.
 */
export const MUNICIPALITIES = [
  { slug: 'arendonk', name: 'Arendonk', postcode: '2370' },
  { slug: 'baarle-hertog', name: 'Baarle-Hertog', postcode: '2387' },
  { slug: 'hoogstraten', name: 'Hoogstraten', postcode: '2320' },
  { slug: 'merksplas', name: 'Merksplas', postcode: '2330' },
  { slug: 'ravels', name: 'Ravels', postcode: '2380' },
  { slug: 'rijkevorsel', name: 'Rijkevorsel', postcode: '2310' },
] as const

export type MunicipalitySlug = (typeof MUNICIPALITIES)[number]['slug']

export const MUNICIPALITY_SLUGS: readonly MunicipalitySlug[] = MUNICIPALITIES.map(m => m.slug)

export function isMunicipalitySlug(value: unknown): value is MunicipalitySlug {
  return typeof value === 'string' && (MUNICIPALITY_SLUGS as readonly string[]).includes(value)
}

export function municipalityName(slug: MunicipalitySlug): string {
  return MUNICIPALITIES.find(m => m.slug === slug)?.name ?? slug
}

export interface Location {
  /** Stable id, e.g. `loc-arendonk-bib`. */
  id: string
  municipality: MunicipalitySlug
  name: string
}

/** Default digipunten until coordinators maintain locations as configuration documents. */
export const DEFAULT_LOCATIONS: readonly Location[] = [
  { id: 'loc-arendonk-bib', municipality: 'arendonk', name: 'Bibliotheek Arendonk' },
  { id: 'loc-arendonk-sh', municipality: 'arendonk', name: 'Sociaal Huis Arendonk' },
  { id: 'loc-baarle-hertog-gh', municipality: 'baarle-hertog', name: 'Gemeentehuis Baarle-Hertog' },
  { id: 'loc-hoogstraten-bib', municipality: 'hoogstraten', name: 'Bibliotheek Hoogstraten' },
  { id: 'loc-hoogstraten-sh', municipality: 'hoogstraten', name: 'Sociaal Huis Hoogstraten' },
  { id: 'loc-merksplas-bib', municipality: 'merksplas', name: 'Bibliotheek Merksplas' },
  { id: 'loc-ravels-bib', municipality: 'ravels', name: 'Bibliotheek Ravels' },
  { id: 'loc-ravels-weelde', municipality: 'ravels', name: 'Digipunt Weelde' },
  { id: 'loc-rijkevorsel-sh', municipality: 'rijkevorsel', name: 'Sociaal Huis Rijkevorsel' },
]

export function findLocation(id: string): Location | undefined {
  return DEFAULT_LOCATIONS.find(l => l.id === id)
}
