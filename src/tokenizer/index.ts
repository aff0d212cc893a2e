export { countRequestTokens, countTextTokens, loadTokenizer, MEDIA_TOKENS } from './count-tokens.js';
