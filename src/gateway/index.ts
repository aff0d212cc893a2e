export type { CallContext, CallOutcome, ClientProtocol } from './call-context.js';
export { msSince, reachedProvider } from './call-context.js';
export { chatCall } from './chat-call.js';
export { countTokensCall } from './count-tokens-call.js';
export { embeddingsCall } from './embeddings-call.js';
export type { GatewayServices } from './gateway-services.js';
export { getModel, listModels } from './models-list.js';
export { renderError } from './protocol-registry.js';
