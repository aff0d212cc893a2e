export { createSseReader, formatSse, type SseReader } from './sse-reader.js';
