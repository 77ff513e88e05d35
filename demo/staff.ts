import { MUNICIPALITY_SLUGS, municipalityRole, type MunicipalitySlug } from '../src/domain'

export interface DemoAccount {
  name: string
  roles: string[]
}

/** Staff per role: three volunteers and a trainer per municipality, lending staff, coordinators. */
export function demoStaff(): DemoAccount[] {
  const accounts: DemoAccount[] = []
  for (const slug of MUNICIPALITY_SLUGS) {
    for (let i = 1; i <= 3; i++)
      accounts.push({ name: volunteer(slug, i), roles: ['volunteer', municipalityRole(slug)] })
    accounts.push({ name: trainer(slug), roles: ['trainer', municipalityRole(slug)] })
  }
  accounts.push({ name: 'uitleen-noord', roles: ['lender', ...MUNICIPALITY_SLUGS.slice(0, 3).map(municipalityRole)] })
  accounts.push({ name: 'uitleen-zuid', roles: ['lender', ...MUNICIPALITY_SLUGS.slice(3).map(municipalityRole)] })
  accounts.push({ name: 'coordinator-demo', roles: ['coordinator'] })
  return accounts
}

export function volunteer(slug: MunicipalitySlug, i: number): string {
  return `vrijwilliger-${slug}-${i}`
}

export function trainer(slug: MunicipalitySlug): string {
  return `lesgever-${slug}`
}

export function lender(slug: MunicipalitySlug): string {
  return MUNICIPALITY_SLUGS.indexOf(slug) < 3 ? 'uitleen-noord' : 'uitleen-zuid'
}
