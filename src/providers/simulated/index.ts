export { SIM_MODELS, SIM_PROVIDER } from './sim-models.js';
export { type SimulatorOptions, simulateEmbeddings, simulateResponse, simulateStream } from './simulate.js';
export {
  simulatedSpeechSeconds,
  simulateImages,
  simulateRerankScores,
  simulateTranscriptText,
  solidPng,
} from './simulate-media.js';
