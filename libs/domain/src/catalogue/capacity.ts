import type { ProvisionForm } from './service-types.js';

/**
 * Regions count residential capacity in beds and every other form in full-time
 * equivalents of direct-care staff.
 */
export const CAPACITY_UNITS = ['beds', 'fte'] as const;
export type CapacityUnit = (typeof CAPACITY_UNITS)[number];

export const CAPACITY_UNIT_LABELS: Readonly<Record<CapacityUnit, string>> = {
  beds: 'lůžka',
  fte: 'úvazky pracovníků v přímé péči',
};

export function capacityUnitFor(form: ProvisionForm): CapacityUnit {
  return form === 'pobytova' ? 'beds' : 'fte';
}
