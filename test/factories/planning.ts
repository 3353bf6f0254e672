import { randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { DistrictOpinion, IntentionContent, IntentionStatus } from '@app/domain';
import type { DecidingJob } from '@app/planning';
import { DistrictTeamMemberEntity, IntentionEntity, type DistrictTeamRole } from '@app/persistence';
import { anIntention } from './intention.js';

// Keys as the engine writes them: (partition 1 << 51) + n, unique within a test file's database.
let lastKey = (1n << 51n) + BigInt(randomInt(1_000_000)) * 1000n;

/** A fresh key in the engine's format, for jobs and process instances of tests that do not run the engine. */
export function aKey(): string {
  lastKey += 1n;
  return lastKey.toString();
}

/** A job of the process `bpmnProcessId` recording a decision, for use cases called without the engine. */
export function aJob(bpmnProcessId: string, processInstanceKey = aKey()): DecidingJob {
  return { key: aKey(), bpmnProcessId, processInstanceKey };
}

/**
 * An intention stored in a status of the cycle, as if submitted through the API (with a
 * process instance key and a submission time); `draft` stores a draft.
 */
export async function aStoredIntention(
  dataSource: DataSource,
  status: IntentionStatus = 'submitted',
  overrides: Partial<IntentionContent> & Partial<Pick<IntentionEntity, 'districtScore' | 'submittedAt' | 'processInstanceKey'>> = {},
): Promise<IntentionEntity> {
  const submitted = status !== 'draft';
  return dataSource.manager.save(
    dataSource.manager.create(IntentionEntity, {
      ...anIntention(),
      status,
      processInstanceKey: submitted ? aKey() : null,
      submittedAt: submitted ? new Date() : null,
      districtScore: null,
      statusReason: null,
      ...overrides,
    }),
  );
}

export async function aDistrictTeam(dataSource: DataSource, districtId: string, members: Record<string, DistrictTeamRole>): Promise<void> {
  await dataSource.manager.save(
    Object.entries(members).map(([userId, role]) => dataSource.manager.create(DistrictTeamMemberEntity, { districtId, userId, role })),
  );
}

/** An opinion with the five criteria in the order need, availability, cost, quality, interconnection. */
export function anOpinion(member: string, scores: [number, number, number, number, number], comment = 'Služba v území chybí, tým ji podporuje.'): DistrictOpinion {
  const [need, availability, cost, quality, interconnection] = scores;
  return { member, need, availability, cost, quality, interconnection, comment };
}
