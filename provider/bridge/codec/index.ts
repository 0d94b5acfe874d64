export { decodeMsgpack } from './msgpack-decode.js';
export { encodeMsgpack } from './msgpack-encode.js';
export { decodeJsonState, encodeJson } from './json.js';
export { CodecError, formatPath, type CodecErrorCode, type PathStep } from './errors.js';
