export * from './audit-log.service.js';
export * from './audit.module.js';
export * from './chain.js';
