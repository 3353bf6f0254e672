export * from './access.js';
export * from './accounts.service.js';
export * from './auth.module.js';
export * from './auth.service.js';
export * from './demo-users.js';
export * from './intention-scope.js';
export * from './jwt.js';
export * from './oidc.js';
