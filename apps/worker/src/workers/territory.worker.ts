import { Injectable } from '@nestjs/common';
import { CatalogService } from '@app/catalog';
import { JobWorker, type WorkerJob } from '@app/zeebe';
import { JobVariables } from './job-variables.js';

/**
 * The installation's territory for models that need it, e.g. a multi-instance task over
 * "every ORP of the region" (`inputCollection=orpIds`): read-only, so a redelivered job
 * returns the same answer.
 */
@Injectable()
export class TerritoryWorker {
  constructor(private readonly catalog: CatalogService) {}

  /**
   * `orpIds`: the ORP ids of the region (`REGION`), by district and name as `GET /catalog/territory`
   * lists them; with `onlyOrpIds` (a local input) only those, in the same order. An id that is not an
   * ORP of the region is a fault of the model or its start data (the job fails and names it).
   */
  @JobWorker({ type: 'territory.list-orps', fetchVariables: ['onlyOrpIds'] })
  async listOrps(job: WorkerJob) {
    const only = new JobVariables(job.variables).optionalTextList('onlyOrpIds');
    const territory = await this.catalog.territory();
    const orpIds = territory.districts.flatMap((district) => district.orps.map((orp) => orp.id));
    const unknown = only.filter((id) => !orpIds.includes(id));
    if (unknown.length > 0) throw new Error(`onlyOrpIds names what is not an ORP of the region '${territory.id}': ${unknown.join(', ')}`);
    return { orpIds: only.length === 0 ? orpIds : orpIds.filter((id) => only.includes(id)) };
  }
}
