import { CodecError } from '../../../provider/bridge/codec/index.js';

/** Test helpers. Hex for byte-exact vectors: `fromHex('92 a1 61')`, `toHex(bytes) === '92 a1 61'`. */
export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  if (!/^(?:[0-9a-f]{2})*$/i.test(clean)) throw new Error(`not hex: ${hex}`);
  return Uint8Array.from(Buffer.from(clean, 'hex'));
}

export const toHex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');

/** The bytes of a text as hex, for readable key names and type JSON inside vectors. */
export const ascii = (text: string): string => toHex(new TextEncoder().encode(text));

/** Canonical spacing, so an expected vector compares equal to toHex output. */
export const normalizeHex = (hex: string): string => toHex(fromHex(hex));

/** Runs `run` and returns the CodecError it throws; fails the test if it throws nothing or something else. */
export function codecError(run: () => unknown): CodecError {
  try {
    run();
  } catch (error) {
    if (error instanceof CodecError) return error;
    throw error;
  }
  throw new Error('expected a CodecError');
}
