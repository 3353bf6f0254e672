export * from './deployment.module.js';
export * from './model-bundle.js';
export * from './model-deployer.service.js';
