import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditLog, type AuditActor } from '@app/audit';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { deploymentTarget } from '@app/deployment';
import { DomainError, DomainErrorCode } from '@app/domain';
import { buildProcessInstanceView, readProcessInstanceRecords, type ProcessInstanceView } from '@app/engine';
import { elementNames } from '@app/modeling';
import { DeployedResourceEntity } from '@app/persistence';
import { ZEEBE_CLIENT, type ZeebeClient } from '@app/zeebe';

export type InstanceState = 'ACTIVE' | 'COMPLETED' | 'TERMINATED';

export interface InstanceFilter {
  bpmnProcessId?: string;
  version?: number;
  state?: InstanceState;
  /** The intention the instance carries (`intentionId`, the business key of our processes). */
  businessKey?: string;
  after?: string;
  limit: number;
}

export interface InstanceSummary {
  processInstanceKey: string;
  bpmnProcessId: string;
  version: number;
  businessKey: string | null;
  state: InstanceState;
  startedAt: Date;
  endedAt: Date | null;
}

export interface InstanceDefinition {
  processDefinitionKey: string;
  bpmnProcessId: string;
  version: number;
}

export interface OpenIncident {
  incidentKey: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  elementId: string;
  elementInstanceKey: string;
  jobKey: string;
  errorType: string;
  errorMessage: string;
  createdAt: Date;
}

export interface ElementDuration {
  elementId: string;
  elementName?: string;
  completed: number;
  medianMs: number;
  p95Ms: number;
}

export interface ProcessFigures {
  bpmnProcessId: string;
  running: number;
  completed: number;
  terminated: number;
  openIncidents: number;
  /** Completed element instances, the longest median first: where instances wait longest. */
  elements: ElementDuration[];
}

/** Root process instances: their activation, and their end if any, from the engine's record log; a migration moves them to its target version. */
const INSTANCES = `
  SELECT a.key::text AS "processInstanceKey", coalesce(m.value, a.value)->>'bpmnProcessId' AS "bpmnProcessId", (coalesce(m.value, a.value)->>'version')::int AS version,
         a.timestamp AS "startedAt", e.timestamp AS "endedAt",
         CASE e.intent WHEN 'ELEMENT_COMPLETED' THEN 'COMPLETED' WHEN 'ELEMENT_TERMINATED' THEN 'TERMINATED' ELSE 'ACTIVE' END AS state,
         (SELECT v.value->>'value' FROM engine.records v
           WHERE v.value_type = 'VARIABLE' AND v.value->>'name' = 'intentionId' AND v.value->>'scopeKey' = a.key::text
           ORDER BY v.position LIMIT 1) AS "businessKeyJson"
    FROM engine.records a
    LEFT JOIN LATERAL (
      SELECT intent, timestamp FROM engine.records e
       WHERE e.key = a.key AND e.value_type = 'PROCESS_INSTANCE' AND e.intent IN ('ELEMENT_COMPLETED', 'ELEMENT_TERMINATED')
       LIMIT 1) e ON true
    LEFT JOIN LATERAL (
      SELECT value FROM engine.records m
       WHERE m.key = a.key AND m.value_type = 'PROCESS_INSTANCE' AND m.intent = 'ELEMENT_MIGRATED'
       ORDER BY m.position DESC LIMIT 1) m ON true
   WHERE a.value_type = 'PROCESS_INSTANCE' AND a.intent = 'ELEMENT_ACTIVATING' AND a.value->>'bpmnElementType' = 'PROCESS'`;

const OPEN_INCIDENTS = `
  SELECT c.key::text AS "incidentKey", c.value->>'processInstanceKey' AS "processInstanceKey", c.value->>'bpmnProcessId' AS "bpmnProcessId",
         c.value->>'elementId' AS "elementId", c.value->>'elementInstanceKey' AS "elementInstanceKey", c.value->>'jobKey' AS "jobKey",
         c.value->>'errorType' AS "errorType", c.value->>'errorMessage' AS "errorMessage", c.timestamp AS "createdAt"
    FROM engine.records c
   WHERE c.value_type = 'INCIDENT' AND c.intent = 'CREATED'
     AND NOT EXISTS (SELECT 1 FROM engine.records r WHERE r.key = c.key AND r.value_type = 'INCIDENT' AND r.intent = 'RESOLVED')`;

/**
 * Monitoring of the embedded engine, read from its record log in PostgreSQL (the history
 * Zeebe's exporters see). With a real Zeebe that log is not ours: Camunda Operate serves it.
 */
@Injectable()
export class Monitoring {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  /** The embedded engine keeps its record log in the product's database; a real Zeebe does not. */
  private async embedded(): Promise<boolean> {
    const [{ present }] = await this.dataSource.query<{ present: boolean }[]>(`SELECT to_regclass('engine.records') IS NOT NULL AS present`);
    return present;
  }

  private async assertEmbedded(): Promise<void> {
    if (!(await this.embedded())) {
      throw new DomainError(
        DomainErrorCode.MonitoringUnavailable,
        `Monitoring reads the embedded engine's record log, which Zeebe at ${this.config.zeebeGrpcAddress ?? 'the configured address'} does not keep here; use Camunda Operate`,
      );
    }
  }

  async instances(filter: InstanceFilter): Promise<{ items: InstanceSummary[]; nextCursor: string | null }> {
    await this.assertEmbedded();
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const add = (condition: string, value: unknown) => {
      parameters.push(value);
      conditions.push(condition.replace('?', `$${parameters.length}`));
    };
    if (filter.bpmnProcessId) add(`"bpmnProcessId" = ?`, filter.bpmnProcessId);
    if (filter.version) add(`version = ?`, filter.version);
    if (filter.state) add(`state = ?`, filter.state);
    if (filter.businessKey) add(`"businessKeyJson" = ?`, JSON.stringify(filter.businessKey));
    if (filter.after) add(`"processInstanceKey"::bigint < ?::bigint`, filter.after);
    parameters.push(filter.limit + 1);
    const rows = await this.dataSource.query<(Omit<InstanceSummary, 'businessKey'> & { businessKeyJson: string | null })[]>(
      `SELECT * FROM (${INSTANCES}) i ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY "processInstanceKey"::bigint DESC LIMIT $${parameters.length}`,
      parameters,
    );
    const items = rows.slice(0, filter.limit).map(({ businessKeyJson, ...row }) => ({ ...row, businessKey: businessKeyJson === null ? null : String(JSON.parse(businessKeyJson)) }));
    return { items, nextCursor: rows.length > filter.limit ? items[items.length - 1].processInstanceKey : null };
  }

  /** One instance: element history with times, current position, variables by scope, open incidents. */
  async instance(processInstanceKey: string): Promise<ProcessInstanceView> {
    await this.assertEmbedded();
    const records = await readProcessInstanceRecords((sql, values) => this.dataSource.query(sql, values), processInstanceKey);
    // The element names of the version it runs on now, after any migration.
    const latest = records.findLast((record) => record.key === processInstanceKey);
    const names = latest ? await this.namesOf(String((latest.value as { bpmnProcessId: string }).bpmnProcessId), Number((latest.value as { version: number }).version)) : new Map();
    const view = buildProcessInstanceView(processInstanceKey, records, () => ({ elements: new Map([...names].map(([id, name]) => [id, { name }])) }) as never);
    if (!view) throw new DomainError(DomainErrorCode.NotFound, `No process instance ${processInstanceKey}`);
    return view;
  }

  /**
   * The process definition an instance runs on now (a migration changes it), from the record
   * log; null when the log is not ours (a real Zeebe) or has no such instance.
   */
  async definitionOf(processInstanceKey: string): Promise<InstanceDefinition | null> {
    if (!(await this.embedded())) return null;
    const [row] = await this.dataSource.query<InstanceDefinition[]>(
      `SELECT value->>'processDefinitionKey' AS "processDefinitionKey", value->>'bpmnProcessId' AS "bpmnProcessId", (value->>'version')::int AS version
         FROM engine.records WHERE key = $1::bigint AND value_type = 'PROCESS_INSTANCE' ORDER BY position DESC LIMIT 1`,
      [processInstanceKey],
    );
    return row ?? null;
  }

  async openIncidents(): Promise<OpenIncident[]> {
    await this.assertEmbedded();
    return this.dataSource.query<OpenIncident[]>(`${OPEN_INCIDENTS} ORDER BY c.position DESC`);
  }

  /**
   * Resolves an incident after fixing its cause: new retries for a failed job, variables on
   * its element's scope. Audited with the reason.
   */
  async resolveIncident(incidentKey: string, fix: { retries?: number; variables?: Record<string, unknown> }, actor: AuditActor, reason: string): Promise<void> {
    await this.assertEmbedded();
    const [incident] = await this.dataSource.query<OpenIncident[]>(`${OPEN_INCIDENTS} AND c.key = $1::bigint`, [incidentKey]);
    if (!incident) throw new DomainError(DomainErrorCode.NotFound, `No open incident ${incidentKey}`);
    if (fix.variables) await this.zeebe.setVariables({ elementInstanceKey: incident.elementInstanceKey, variables: fix.variables as never, local: false });
    const isJobIncident = incident.jobKey !== '-1' && incident.jobKey !== '0';
    if (isJobIncident) await this.zeebe.updateJobRetries({ jobKey: incident.jobKey, retries: fix.retries ?? 1 });
    await this.zeebe.resolveIncident({ incidentKey });
    await this.audit.record({
      ...actor,
      action: 'incident.resolve',
      entityType: 'incident',
      entityId: incidentKey,
      data: { processInstanceKey: incident.processInstanceKey, elementId: incident.elementId, errorMessage: incident.errorMessage, retries: isJobIncident ? fix.retries ?? 1 : null, variableNames: Object.keys(fix.variables ?? {}) },
      reason,
    });
  }

  /** Running, completed and failing instances of a process, and how long each element takes. */
  async figures(bpmnProcessId: string): Promise<ProcessFigures> {
    await this.assertEmbedded();
    const [counts] = await this.dataSource.query<{ running: number; completed: number; terminated: number }[]>(
      `SELECT count(*) FILTER (WHERE state = 'ACTIVE')::int AS running, count(*) FILTER (WHERE state = 'COMPLETED')::int AS completed,
              count(*) FILTER (WHERE state = 'TERMINATED')::int AS terminated
         FROM (${INSTANCES}) i WHERE "bpmnProcessId" = $1`,
      [bpmnProcessId],
    );
    const [{ openIncidents }] = await this.dataSource.query<{ openIncidents: number }[]>(`SELECT count(*)::int AS "openIncidents" FROM (${OPEN_INCIDENTS}) o WHERE "bpmnProcessId" = $1`, [bpmnProcessId]);
    const durations = await this.dataSource.query<{ elementId: string; completed: number; medianMs: string; p95Ms: string }[]>(
      `SELECT a.value->>'elementId' AS "elementId", count(*)::int AS completed,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.timestamp - a.timestamp) * 1000) AS "medianMs",
              percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM c.timestamp - a.timestamp) * 1000) AS "p95Ms"
         FROM engine.records a
         JOIN engine.records c ON c.key = a.key AND c.value_type = 'PROCESS_INSTANCE' AND c.intent = 'ELEMENT_COMPLETED'
        WHERE a.value_type = 'PROCESS_INSTANCE' AND a.intent = 'ELEMENT_ACTIVATING' AND a.value->>'bpmnProcessId' = $1
          AND a.value->>'bpmnElementType' NOT IN ('PROCESS', 'SEQUENCE_FLOW')
        GROUP BY 1 ORDER BY 3 DESC, 1`,
      [bpmnProcessId],
    );
    const names = await this.namesOfLatest(bpmnProcessId);
    return {
      bpmnProcessId,
      ...counts,
      openIncidents,
      elements: durations.map((row) => ({
        elementId: row.elementId,
        ...(names.has(row.elementId) ? { elementName: names.get(row.elementId) } : {}),
        completed: row.completed,
        medianMs: Math.round(Number(row.medianMs)),
        p95Ms: Math.round(Number(row.p95Ms)),
      })),
    };
  }

  private async namesOf(bpmnProcessId: string, version: number): Promise<Map<string, string>> {
    const row = await this.dataSource.manager.findOneBy(DeployedResourceEntity, { target: deploymentTarget(this.config), kind: 'process', resourceId: bpmnProcessId, version });
    return row ? elementNames(row.content) : new Map();
  }

  private async namesOfLatest(bpmnProcessId: string): Promise<Map<string, string>> {
    const row = await this.dataSource.manager.findOne(DeployedResourceEntity, { where: { target: deploymentTarget(this.config), kind: 'process', resourceId: bpmnProcessId }, order: { version: 'DESC' } });
    return row ? elementNames(row.content) : new Map();
  }
}
