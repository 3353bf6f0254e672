export * from './job-worker.decorator.js';
export * from './job-worker.transport.js';
export * from './zeebe-client.js';
export * from './zeebe.module.js';
