/**
 * The job types the product's worker app serves. A model that needs any other job type
 * would wait forever, so deployments are checked against this list; a test in apps/worker
 * keeps it equal to the `@JobWorker` handlers.
 */
export const WORKER_JOB_TYPES: readonly string[] = [
  'action-plan.announce-inclusion',
  'action-plan.assemble-draft',
  'action-plan.open-call',
  'action-plan.publish',
  'declaration.record',
  'district-review.load-team',
  'district-review.summarize-opinions',
  'intention.check-completeness',
  'intention.set-status',
  'io.camunda.zeebe:userTask',
  'notification.send',
  'resolution.record',
  'territory.list-orps',
];
