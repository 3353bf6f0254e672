export * from './intention-history.js';
export * from './intentions.module.js';
export * from './intentions.service.js';
