export * from './deployed-models.service.js';
export * from './deployment-check.js';
export * from './deployment.module.js';
export * from './model-bundle.js';
export * from './model-deployer.service.js';
export * from './worker-job-types.js';
export * from './process-administration.service.js';
