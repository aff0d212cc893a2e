// OpenAI's media and legacy endpoints: images, speech, transcription uploads, completions.
export { billedSeconds, silentWav, wavDurationSeconds } from './audio-duration.js';
export { completionsClient } from './completions-codec.js';
export {
  COMPLETIONS_DEFAULT_MAX_TOKENS,
  chatPromptOf,
  checkCompletionsRequest,
  completionsToChatBody,
} from './completions-request.js';
export {
  decodeImagesRequest,
  type ImagesRequest,
  imagesIn,
  imagesUsage,
  MAX_IMAGES,
} from './images-request.js';
export { readSpeechEvent, type SpeechEvent } from './speech-events.js';
export {
  decodeSpeechRequest,
  MAX_SPEECH_CHARACTERS,
  SPEECH_CONTENT_TYPES,
  type SpeechRequest,
} from './speech-request.js';
export {
  encodeUpload,
  readTranscriptionUpload,
  TRANSCRIPTION_FORMATS,
  type TranscriptionUpload,
} from './transcription-upload.js';
export { measureTranscription, type TranscriptionMeasure } from './transcription-usage.js';
