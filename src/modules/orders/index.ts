export * from './order-lines.js';
