import type { CapacityUnit } from '../catalogue/capacity.js';

/** An included intention as the Action Plan's totals see it. */
export interface PlanItemFigures {
  districtId: string;
  orpId: string;
  targetGroups: readonly string[];
  serviceType: string;
  yearlyCosts: number;
  requestedSubsidy: number;
  /** The municipalities' pledge from the ORP's declaration; 0 for a capacity increase. */
  municipalCofinancing: number;
  capacity: number;
  capacityUnit: CapacityUnit;
}

export interface PlanTotals {
  intentions: number;
  yearlyCosts: number;
  requestedSubsidy: number;
  municipalCofinancing: number;
  /** Beds and full-time equivalents are different units and are summed apart. */
  capacity: Record<CapacityUnit, number>;
}

export interface PlanSummary {
  total: PlanTotals;
  byDistrict: ({ districtId: string } & PlanTotals)[];
  byOrp: ({ orpId: string } & PlanTotals)[];
  /** An intention serving several target groups counts in each of them, so these rows overlap. */
  byTargetGroup: ({ targetGroup: string } & PlanTotals)[];
  byServiceType: ({ serviceType: string } & PlanTotals)[];
}

const emptyTotals = (): PlanTotals => ({ intentions: 0, yearlyCosts: 0, requestedSubsidy: 0, municipalCofinancing: 0, capacity: { beds: 0, fte: 0 } });

function add(totals: PlanTotals, item: PlanItemFigures): void {
  totals.intentions += 1;
  totals.yearlyCosts += item.yearlyCosts;
  totals.requestedSubsidy += item.requestedSubsidy;
  totals.municipalCofinancing += item.municipalCofinancing;
  // Full-time equivalents have two decimals; sum in hundredths so 0.1 + 0.2 stays 0.3.
  totals.capacity[item.capacityUnit] = Math.round((totals.capacity[item.capacityUnit] + item.capacity) * 100) / 100;
}

function groupBy<K extends string>(items: readonly PlanItemFigures[], name: K, keysOf: (item: PlanItemFigures) => readonly string[]): (Record<K, string> & PlanTotals)[] {
  const groups = new Map<string, PlanTotals>();
  for (const item of items) {
    for (const key of new Set(keysOf(item))) {
      const totals = groups.get(key) ?? emptyTotals();
      add(totals, item);
      groups.set(key, totals);
    }
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'cs', { numeric: true }))
    .map(([key, totals]) => ({ [name]: key, ...totals }) as Record<K, string> & PlanTotals);
}

/** Totals of the included intentions overall and by district, ORP, target group and type of service. */
export function summarizePlan(items: readonly PlanItemFigures[]): PlanSummary {
  const total = emptyTotals();
  for (const item of items) add(total, item);
  return {
    total,
    byDistrict: groupBy(items, 'districtId', (item) => [item.districtId]),
    byOrp: groupBy(items, 'orpId', (item) => [item.orpId]),
    byTargetGroup: groupBy(items, 'targetGroup', (item) => item.targetGroups),
    byServiceType: groupBy(items, 'serviceType', (item) => [item.serviceType]),
  };
}
