import { isList, isMap, isSet, isTuple, type TfType } from '../tftypes/type.js';
import { formatPath, type PathStep } from '../tftypes/path.js';
import { DynamicValue, ExactNumber, UNKNOWN, type TfValue } from '../tftypes/value.js';

export { formatPath, type PathStep };

export type CodecErrorCode =
  | 'TF_CODEC_TYPE_MISMATCH'
  | 'TF_CODEC_MISSING_ATTRIBUTE'
  | 'TF_CODEC_UNSUPPORTED_ATTRIBUTE'
  | 'TF_CODEC_INVALID_NUMBER'
  | 'TF_CODEC_INVALID_TYPE_JSON'
  | 'TF_CODEC_UNKNOWN_IN_JSON'
  | 'TF_CODEC_MALFORMED';

/** A value that could not be encoded or decoded, with the path to where it went wrong. */
export class CodecError extends Error {
  override readonly name = 'CodecError';

  constructor(
    readonly code: CodecErrorCode,
    readonly path: readonly PathStep[],
    readonly reason: string,
  ) {
    super(`${formatPath(path)}: ${reason}`);
  }
}

/** Throws a CodecError; the path is copied because callers reuse one mutable path stack. */
export function fail(code: CodecErrorCode, path: readonly PathStep[], reason: string): never {
  throw new CodecError(code, [...path], reason);
}

export function describeType(type: TfType): string {
  if (typeof type === 'string') return type;
  if (isList(type)) return `list of ${describeType(type.list)}`;
  if (isSet(type)) return `set of ${describeType(type.set)}`;
  if (isMap(type)) return `map of ${describeType(type.map)}`;
  if (isTuple(type)) return `tuple of ${type.tuple.length}`;
  return 'object';
}

export function describeValue(value: TfValue): string {
  if (value === null) return 'null';
  if (value === UNKNOWN) return 'unknown';
  if (value instanceof ExactNumber) return 'number';
  if (value instanceof DynamicValue) return 'dynamic value';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
