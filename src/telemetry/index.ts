export * from './records.js';
export * from './sink.js';
export * from './inspect.js';
