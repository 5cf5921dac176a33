export * from './evaluation.js';
export * from './lifecycle.js';
