export * from './order-exports.js';
export * from './order-lines.js';
