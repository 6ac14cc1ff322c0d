export * from './records.js';
export * from './sink.js';
