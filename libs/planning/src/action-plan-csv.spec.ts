import { describe, expect, it } from '@jest/globals';
import { actionPlanCsv } from './action-plan-csv.js';
import type { ActionPlanItemView } from './action-plan-report.service.js';

const item = (overrides: Partial<ActionPlanItemView> = {}): ActionPlanItemView => ({
  rank: 1,
  placement: 'included',
  intentionId: '17',
  providerName: 'Domov Zahrada, z. ú.',
  providerIco: '70888337',
  serviceType: '49',
  serviceTypeName: 'domovy pro seniory',
  form: 'pobytova',
  districtId: 'brno-venkov',
  districtName: 'Brno-venkov',
  orpId: 'zidlochovice',
  orpName: 'Židlochovice',
  targetGroups: [{ code: 'seniori', name: 'Senioři' }],
  capacity: 24,
  capacityUnit: 'beds',
  yearlyCosts: 12_000_000,
  requestedSubsidy: 4_000_000,
  municipalCofinancing: 2_400_000,
  districtScore: 4.2,
  ...overrides,
});

describe('actionPlanCsv', () => {
  it('writes UTF-8 with a BOM, semicolons, CRLF and Czech headers', () => {
    const csv = actionPlanCsv([item()]);
    expect(csv.startsWith('\uFEFFPořadí;ID záměru;Poskytovatel;IČO;Druh služby;Forma poskytování;Okres;ORP;Cílové skupiny;Kapacita;')).toBe(true);
    expect(csv.split('\r\n')).toEqual([
      expect.stringContaining('Hodnocení okresního týmu'),
      '1;17;Domov Zahrada, z. ú.;70888337;§ 49 domovy pro seniory;pobytová;Brno-venkov;Židlochovice;Senioři;24;lůžka;12000000;4000000;2400000;4,2',
      '',
    ]);
  });

  it('writes decimals with a comma, empty cells for missing values, and quotes what would break a cell', () => {
    const line = actionPlanCsv([
      item({ providerName: 'Spolek "Naděje"; pobočka', capacity: 1.5, capacityUnit: 'fte', form: 'terenni', municipalCofinancing: null, districtScore: null }),
    ]).split('\r\n')[1];
    expect(line).toContain(';"Spolek ""Naděje""; pobočka";');
    expect(line).toContain(';1,5;úvazky pracovníků v přímé péči;');
    expect(line.endsWith(';4000000;;')).toBe(true);
  });

  it('keeps Excel from evaluating text as a formula', () => {
    expect(actionPlanCsv([item({ providerName: '=HYPERLINK("x")' })])).toContain(`;"'=HYPERLINK(""x"")";`);
  });

  it('has only the header for an empty plan', () => {
    expect(actionPlanCsv([]).split('\r\n')).toHaveLength(2);
  });
});
