export { encodeMsgpack, decodeMsgpack } from './msgpack.js';
export { decodeJsonState, encodeJson } from './json.js';
export { CodecError, formatPath, type CodecErrorCode, type PathStep } from './errors.js';
