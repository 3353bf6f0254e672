export * from './catalog.module.js';
export * from './catalog.service.js';
