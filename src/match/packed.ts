/**
 * Compact, JSON-able encoding of the matcher's integer tables: each array is stored in the narrowest unsigned type
 * that holds its values (8, 16 or 32 bits), little-endian, as base64 behind a one-character width tag (`1`, `2`,
 * `4`). Decoding is one native base64 decode (`Uint8Array.fromBase64` where the engine has it, else `atob`) and a
 * typed-array view: no per-element work in JavaScript on engines with `fromBase64` (Chromium and Firefox today).
 *
 * Every value is a non-negative integer below 2^32; tables that need "none" store `value + 1` with 0 for none.
 */

/** A decoded table. */
export type UintArray = Uint8Array | Uint16Array | Uint32Array;

type Base64Codec = {
  fromBase64?: (text: string) => Uint8Array;
  prototype: { toBase64?: () => string };
};
const codec = Uint8Array as unknown as Base64Codec;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function toBase64(bytes: Uint8Array): string {
  const native = codec.prototype.toBase64;
  if (native) return native.call(bytes);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, Math.min(bytes.length, i + 0x8000)));
  }
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  if (codec.fromBase64) return codec.fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Stores `values` (non-negative integers below 2^32) in the narrowest unsigned array. */
export function narrow(values: ArrayLike<number>): UintArray {
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!(v >= 0 && v <= 0xffffffff && Number.isInteger(v))) throw new RangeError(`not a table value: ${v}`);
    if (v > max) max = v;
  }
  if (max <= 0xff) return Uint8Array.from(values);
  if (max <= 0xffff) return Uint16Array.from(values);
  return Uint32Array.from(values);
}

/** Encodes a table as its width tag and base64 (little-endian). */
export function encodeArray(values: UintArray): string {
  const array = values.BYTES_PER_ELEMENT === 1 ? values : narrow(values);
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength).slice();
  if (!LITTLE_ENDIAN && array.BYTES_PER_ELEMENT > 1) swapBytes(bytes, array.BYTES_PER_ELEMENT);
  return `${array.BYTES_PER_ELEMENT}${toBase64(bytes)}`;
}

/** Decodes {@link encodeArray}'s output. Throws on a malformed table. */
export function decodeArray(encoded: string): UintArray {
  const width = encoded.charCodeAt(0) - 48;
  const bytes = fromBase64(encoded.slice(1));
  if (width === 1) return bytes;
  if ((width !== 2 && width !== 4) || bytes.length % width !== 0) throw new Error('matcher tables: malformed array');
  if (!LITTLE_ENDIAN) swapBytes(bytes, width);
  return width === 2
    ? new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2)
    : new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
}

function swapBytes(bytes: Uint8Array, width: number): void {
  for (let i = 0; i < bytes.length; i += width) bytes.subarray(i, i + width).reverse();
}
