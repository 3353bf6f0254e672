export * from './intentions.module.js';
export * from './intentions.service.js';
