export * from './config.module.js';
export * from './environment.js';
export * from './lifecycle.js';
export * from './start-failure.js';
