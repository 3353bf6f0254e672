export * from './forms.js';
export * from './inbox.module.js';
export * from './models.js';
export * from './task-ingestion.service.js';
export * from './task-leases.service.js';
export * from './task-reminders.service.js';
export * from './task-search.js';
export * from './tasks.service.js';
