export * from './monitoring.module.js';
export * from './monitoring.service.js';
export * from './instance-migration.service.js';
