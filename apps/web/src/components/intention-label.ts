import type { Intention } from '../api/queries';

/** How an intention is named in lists and headings: who, which service, for which year. */
export function intentionLabel(intention: Pick<Intention, 'providerName' | 'serviceType' | 'planYear'>, serviceTypeName?: string): string {
  return `${intention.providerName}: ${serviceTypeName ?? `§ ${intention.serviceType}`} (${intention.planYear})`;
}
