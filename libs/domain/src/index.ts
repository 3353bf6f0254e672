export * from './catalogue/capacity.js';
export * from './catalogue/service-types.js';
export * from './catalogue/target-groups.js';
export * from './catalogue/territory.js';
export * from './errors.js';
export * from './ico.js';
export * from './intention/intention.js';
export * from './intention/status.js';
