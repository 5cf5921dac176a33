export * from './evaluation.js';
export * from './lifecycle.js';
export * from './lifecycle-wire.js';
export * from './problem.js';
export * from './prompt-governance.js';
export * from './retraining.js';
