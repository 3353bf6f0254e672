import { Rejection } from '../rejection.js';
import type { EngineContext } from './context.js';
import { makeActivatable } from './jobs.js';

// ResolveIncident: a job incident makes its job activatable again, an element incident retries
// what failed.

export function resolveIncident(engine: EngineContext, incidentKey: string): Promise<void> {
  return engine.run(() => {
    const incident = engine.state.incidents.get(incidentKey);
    if (!incident) throw new Rejection('RESOLVE', 'NOT_FOUND', `Expected to resolve incident with key '${incidentKey}', but no such incident was found`);
    const job = engine.state.jobs.get(incident.jobKey);
    if (job && incident.phase === 'JOB' && job.retries <= 0) {
      throw new Rejection(
        'RESOLVE',
        'INVALID_STATE',
        `Expected to resolve incident with key '${incidentKey}', but job with key '${job.key}' has no retries left. Please update the job retries and retry resolving the incident`,
      );
    }
    engine.execution.resolveIncidentRecord(incidentKey);
    const instance = engine.state.elementInstances.get(incident.elementInstanceKey);
    if (job) {
      makeActivatable(engine, job, incident.phase === 'JOB' ? 'RECURRED_AFTER_BACKOFF' : 'ERROR_THROWN_RESOLVED');
      return;
    }
    if (instance) engine.execution.retry(instance, incident.phase);
  });
}
