export * from './client.options.js';
export * from './lifecycle.client.js';
export * from './mlops-client.module.js';
export * from './problem.error.js';
