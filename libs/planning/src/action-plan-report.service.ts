import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainError, DomainErrorCode, summarizePlan, toPragueDateTime, type CapacityUnit, type PlanSummary, type ProvisionForm } from '@app/domain';
import { ActionPlanEntity, ResolutionEntity, type ActionPlanPlacement, type ActionPlanStatus } from '@app/persistence';
import { actionPlanCsv } from './action-plan-csv.js';

/** An intention of a plan as officials read it in the plan and its export. */
export interface ActionPlanItemView {
  rank: number;
  placement: ActionPlanPlacement;
  intentionId: string;
  providerName: string;
  providerIco: string;
  serviceType: string;
  serviceTypeName: string;
  form: ProvisionForm;
  districtId: string;
  districtName: string;
  orpId: string;
  orpName: string;
  targetGroups: { code: string; name: string }[];
  capacity: number;
  capacityUnit: CapacityUnit;
  yearlyCosts: number;
  requestedSubsidy: number;
  /** The municipalities' pledge from the ORP's latest declaration; null for a capacity increase. */
  municipalCofinancing: number | null;
  districtScore: number | null;
}

export interface ActionPlanView {
  planYear: number;
  status: ActionPlanStatus;
  budgetCeiling: number | null;
  callClosingDate: string;
  includedTotal: number;
  resolution: { number: string; date: string } | null;
  included: ActionPlanItemView[];
  reserve: ActionPlanItemView[];
  /** Over the included intentions only. */
  totals: PlanSummary;
}

interface ItemRow {
  rank: number;
  placement: ActionPlanPlacement;
  intention_id: string;
  provider_name: string;
  provider_ico: string;
  service_type: string;
  service_type_name: string;
  form: ProvisionForm;
  district_id: string;
  district_name: string;
  orp_id: string;
  orp_name: string;
  target_groups: { code: string; name: string }[];
  capacity: string;
  capacity_unit: CapacityUnit;
  yearly_costs: string;
  requested_subsidy: string;
  municipal_cofinancing: string | null;
  district_score: string | null;
}

const numberOrNull = (value: string | null) => (value === null ? null : Number(value));

/** The Action Plan as officials read it: the ranked lists with their totals, and the CSV export. */
@Injectable()
export class ActionPlanReportService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async view(planYear: number): Promise<ActionPlanView> {
    const plan = await this.dataSource.manager.findOneBy(ActionPlanEntity, { planYear });
    if (!plan) throw new DomainError(DomainErrorCode.NotFound, `There is no Action Plan for ${planYear}`);
    const resolution = plan.resolutionId === null ? null : await this.dataSource.manager.findOneByOrFail(ResolutionEntity, { id: plan.resolutionId });
    const items = (await this.items(planYear)).map(toItemView);
    const included = items.filter((item) => item.placement === 'included');
    return {
      planYear,
      status: plan.status,
      budgetCeiling: plan.budgetCeiling,
      callClosingDate: toPragueDateTime(plan.callClosingAt),
      includedTotal: plan.includedTotal,
      resolution: resolution && { number: resolution.number, date: resolution.adoptedOn },
      included,
      reserve: items.filter((item) => item.placement === 'reserve'),
      totals: summarizePlan(
        included.map((item) => ({ ...item, targetGroups: item.targetGroups.map((group) => group.code), municipalCofinancing: item.municipalCofinancing ?? 0 })),
      ),
    };
  }

  /** The included intentions as a CSV file for Excel (see `actionPlanCsv`). */
  async exportCsv(planYear: number): Promise<string> {
    return actionPlanCsv((await this.view(planYear)).included);
  }

  private items(planYear: number): Promise<ItemRow[]> {
    return this.dataSource.manager.query(
      `SELECT item.rank, item.placement, item.intention_id, intention.provider_name, intention.provider_ico,
              intention.service_type, service_type.name AS service_type_name, intention.form,
              district.id AS district_id, district.name AS district_name, orp.id AS orp_id, orp.name AS orp_name,
              (SELECT coalesce(json_agg(json_build_object('code', target_group.code, 'name', target_group.name) ORDER BY target_group.sort_order), '[]')
                 FROM target_group WHERE target_group.code = ANY (intention.target_groups)) AS target_groups,
              intention.capacity, intention.capacity_unit, intention.yearly_costs, intention.requested_subsidy,
              (SELECT declaration.pledged_cofinancing FROM need_declaration declaration
                WHERE declaration.intention_id = intention.id AND declaration.decision = 'declared'
                ORDER BY declaration.id DESC LIMIT 1) AS municipal_cofinancing,
              intention.district_score
         FROM action_plan_item item
         JOIN intention ON intention.id = item.intention_id
         JOIN orp ON orp.id = intention.orp_id
         JOIN district ON district.id = orp.district_id
         JOIN service_type ON service_type.paragraph = intention.service_type
        WHERE item.plan_year = $1
        ORDER BY item.rank`,
      [planYear],
    );
  }
}

function toItemView(row: ItemRow): ActionPlanItemView {
  return {
    rank: row.rank,
    placement: row.placement,
    intentionId: row.intention_id,
    providerName: row.provider_name,
    providerIco: row.provider_ico,
    serviceType: row.service_type,
    serviceTypeName: row.service_type_name,
    form: row.form,
    districtId: row.district_id,
    districtName: row.district_name,
    orpId: row.orp_id,
    orpName: row.orp_name,
    targetGroups: row.target_groups,
    capacity: Number(row.capacity),
    capacityUnit: row.capacity_unit,
    yearlyCosts: Number(row.yearly_costs),
    requestedSubsidy: Number(row.requested_subsidy),
    municipalCofinancing: numberOrNull(row.municipal_cofinancing),
    districtScore: numberOrNull(row.district_score),
  };
}
