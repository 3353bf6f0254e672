import {
  DEFAULT_SERVICE_TYPES,
  JMK_ORPS,
  JMK_REGION,
  TARGET_GROUP_CODES,
  type IntentionContent,
  type IntentionContext,
} from '@app/domain';

/** A complete, valid intention: a new residential home for seniors in Židlochovice. */
export function anIntention(overrides: Partial<IntentionContent> = {}): IntentionContent {
  return {
    kind: 'new_service',
    existingServiceRegistryId: null,
    providerName: 'Domov Zahrada, z. ú.',
    providerIco: '70888337',
    serviceType: '49',
    form: 'pobytova',
    targetGroups: ['seniori'],
    orpId: 'zidlochovice',
    capacity: 24,
    capacityUnit: 'beds',
    yearlyCosts: 12_000_000,
    requestedSubsidy: 4_000_000,
    planYear: 2028,
    justification: 'Komunitní plán ORP Židlochovice uvádí nedostatek pobytových služeb pro seniory.',
    ...overrides,
  };
}

/** The JMK catalogue as the rules see it, with a neighbouring region's ORP to test the region rule. */
export function aContext(overrides: Partial<IntentionContext> = {}): IntentionContext {
  return {
    regionId: JMK_REGION.id,
    serviceTypes: DEFAULT_SERVICE_TYPES,
    targetGroupCodes: TARGET_GROUP_CODES,
    orps: [...JMK_ORPS.map((orp) => ({ id: orp.id, regionId: JMK_REGION.id })), { id: 'jihlava', regionId: 'vys' }],
    today: new Date('2026-11-22T10:00:00Z'),
    ...overrides,
  };
}

/** Request body of `POST /intentions` for a complete draft. */
export function anIntentionRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const { existingServiceRegistryId, ...content } = anIntention();
  return { ...content, ...(existingServiceRegistryId ? { existingServiceRegistryId } : {}), ...overrides };
}
