import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_SERVICE_TYPES } from '@app/domain';
import { inspectBpmn, inspectDmn, type DecisionTable } from '@app/modeling';
import { evaluate, unaryTest } from 'feelin';

const BPMN_DIR = join(process.cwd(), 'bpmn');
const dmnXml = readFileSync(join(BPMN_DIR, 'cofinancing-rate.dmn'), 'utf8');

async function rateTable(): Promise<DecisionTable> {
  const decisions = await inspectDmn(dmnXml);
  const decision = decisions.find((candidate) => candidate.decisionId === 'cofinancing-rate');
  if (!decision?.table) throw new Error('cofinancing-rate is not a decision table');
  return decision.table;
}

/** Evaluates the table the way Zeebe does for hit policy FIRST: the first matching rule wins. */
function rateFor(table: DecisionTable, serviceType: string, provisionForm: string): number | undefined {
  const inputs: Record<string, string> = { serviceType, provisionForm };
  const rule = table.rules.find((candidate) =>
    candidate.inputEntries.every((test, index) => unaryTest(test, { '?': inputs[table.inputs[index]] }).value === true),
  );
  return rule ? (evaluate(rule.outputEntries[0], {}).value as number) : undefined;
}

describe('cofinancing-rate.dmn', () => {
  it('is DMN 1.3 for Camunda 8 with one decision table cofinancing-rate, hit policy FIRST, output rate', async () => {
    expect(dmnXml).toContain('xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"');
    expect(dmnXml).toContain('modeler:executionPlatform="Camunda Cloud"');
    const table = await rateTable();
    expect(table.hitPolicy).toBe('FIRST');
    expect(table.inputs).toEqual(['serviceType', 'provisionForm']);
    expect(table.outputs).toEqual(['rate']);
  });

  it('gives a rate of 10–20 % for every service type in every form the catalogue allows', async () => {
    const table = await rateTable();
    for (const type of DEFAULT_SERVICE_TYPES) {
      for (const form of type.forms) {
        const rate = rateFor(table, type.paragraph, form);
        expect({ paragraph: type.paragraph, form, rate }).toEqual({ paragraph: type.paragraph, form, rate: expect.any(Number) });
        expect(rate).toBeGreaterThanOrEqual(0.1);
        expect(rate).toBeLessThanOrEqual(0.2);
      }
    }
  });

  it('applies the documented defaults by form and the domain exceptions', async () => {
    const table = await rateTable();
    expect(rateFor(table, '49', 'pobytova')).toBe(0.2);
    expect(rateFor(table, '46', 'ambulantni')).toBe(0.15);
    expect(rateFor(table, '39', 'terenni')).toBe(0.1);
    expect(rateFor(table, '60a', 'pobytova')).toBe(0.1);
    expect(rateFor(table, '52', 'pobytova')).toBe(0.1);
    expect(rateFor(table, '44', 'pobytova')).toBe(0.15);
    expect(rateFor(table, '44', 'terenni')).toBe(0.1);
    expect(rateFor(table, '57', 'pobytova')).toBe(0.15);
  });

  it('ends with a default rule, so a type or form added later still gets the highest share', async () => {
    const table = await rateTable();
    expect(table.rules.at(-1)?.inputEntries).toEqual(['-', '-']);
    expect(rateFor(table, '99', 'neznama')).toBe(0.2);
  });

  it('is what the ORP need declaration evaluates into requiredCofinancingRate', async () => {
    const { calledDecisions } = await inspectBpmn(readFileSync(join(BPMN_DIR, 'orp-need-declaration.bpmn'), 'utf8'));
    expect(calledDecisions).toEqual([
      expect.objectContaining({ decisionId: 'cofinancing-rate', resultVariable: 'requiredCofinancingRate' }),
    ]);
  });

  it('rejects XML that is not DMN', async () => {
    await expect(inspectDmn('<definitions />')).rejects.toThrow();
  });
});
