export * from './ico.js';
