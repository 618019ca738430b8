// index.js exports what timestamp.js does, with the same types.
export * from './timestamp.js';
export { default } from './timestamp.js';
