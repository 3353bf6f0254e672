import { describe, expect, it } from '@jest/globals';
import { capacityUnitFor, DEFAULT_SERVICE_TYPES, JMK_DISTRICTS, JMK_ORPS, TARGET_GROUPS, territoryId } from '@app/domain';

describe('catalogue', () => {
  it('holds the 33 types of §§ 37–70 with at least one form each', () => {
    expect(DEFAULT_SERVICE_TYPES).toHaveLength(33);
    expect(new Set(DEFAULT_SERVICE_TYPES.map((type) => type.paragraph)).size).toBe(33);
    expect(DEFAULT_SERVICE_TYPES.every((type) => type.forms.length > 0)).toBe(true);
  });

  it('holds the South Moravian territory: 7 districts, 21 ORP, 1.19 million people', () => {
    expect(JMK_DISTRICTS.map((district) => district.id)).toEqual([
      'blansko', 'brno-mesto', 'brno-venkov', 'breclav', 'hodonin', 'vyskov', 'znojmo',
    ]);
    expect(JMK_ORPS).toHaveLength(21);
    expect(JMK_ORPS.filter((orp) => orp.districtId === 'brno-venkov')).toHaveLength(7);
    expect(JMK_ORPS.reduce((sum, orp) => sum + orp.population2021, 0)).toBe(1_184_568);
  });

  it('makes ids from Czech names', () => {
    expect(territoryId('Veselí nad Moravou')).toBe('veseli-nad-moravou');
    expect(territoryId('Židlochovice')).toBe('zidlochovice');
  });

  it('has the four planning target groups', () => {
    expect(TARGET_GROUPS).toHaveLength(4);
  });

  it('counts residential capacity in beds, the rest in FTE', () => {
    expect(capacityUnitFor('pobytova')).toBe('beds');
    expect(capacityUnitFor('ambulantni')).toBe('fte');
    expect(capacityUnitFor('terenni')).toBe('fte');
  });
});
