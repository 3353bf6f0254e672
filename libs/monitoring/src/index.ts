export * from './monitoring.module.js';
export * from './monitoring.service.js';
