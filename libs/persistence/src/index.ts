export * from './data-source.js';
export * from './embedded-postgres.js';
export * from './entities/catalogue.entity.js';
export * from './entities/intention.entity.js';
export * from './entities/territory.entity.js';
