export * from './messages.js';
export * from './provider-types.js';
export * from './tool-types.js';
export * from './events.js';
export * from './errors.js';
export * from './atomic-write.js';
export * from './regexp.js';
