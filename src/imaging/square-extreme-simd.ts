/**
 * squareExtreme (see square-extreme.ts) with WebAssembly's 128-bit vectors: sixteen pixels a
 * step. The module is two loops, written out below as bytes (it is 150 bytes; no toolchain
 * or file to load): `maxShift(dst, src, shift, n)` sets dst[i] = max(src[i], src[i + shift])
 * for i < n, sixteen at a time (in place when dst = src, as each step reads only at or after
 * what it writes); `not(at, n)` inverts n bytes in place. A running maximum over k = p + t
 * (p the largest power of two ≤ k) is then a doubling: after max with shifts 1, 2, … p/2
 * each byte holds the maximum of the p from it, and the window of k is the maximum of two such
 * runs t apart. Rows are laid out with (k − 1) / 2 zero bytes on each side and the columns
 * with as many zero rows above and below, so a run never reaches past the image with anything
 * but zero, the maximum's neutral value: the window is clipped at the edges as the definition
 * says. A minimum is the maximum of inverted bytes.
 */

const code = (...bytes: number[]) => bytes;
/** Unsigned LEB128, as the binary format writes sizes. */
const leb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
};
const section = (id: number, content: number[]) => [id, ...leb(content.length), ...content];
const name = (s: string) => [s.length, ...Array.from(s, (c) => c.charCodeAt(0))];
const body = (locals: number[], instructions: number[]) => {
  const b = [...locals, ...instructions, 0x0b];
  return [...leb(b.length), ...b];
};

// Opcodes used: local.get 0x20, local.set 0x21, i32.const 0x41, i32.add 0x6a, i32.ge_u 0x4f,
// block 0x02 / loop 0x03 (no result: 0x40), br_if 0x0d, br 0x0c, end 0x0b; SIMD (prefix 0xfd):
// v128.load 0x00, v128.store 0x0b (memory argument: alignment 2^0, offset 0), v128.not 0x4d,
// i8x16.max_u 0x79.
const maxShift = body(
  [0x01, 0x01, 0x7f], // one i32 local (4): the end
  code(
    ...[0x20, 0x00, 0x20, 0x03, 0x6a, 0x21, 0x04], // end = dst + n
    ...[0x02, 0x40, 0x03, 0x40],
    ...[0x20, 0x00, 0x20, 0x04, 0x4f, 0x0d, 0x01], // dst >= end: out
    ...[0x20, 0x00], // store address: dst
    ...[0x20, 0x01, 0xfd, 0x00, 0x00, 0x00], // load src
    ...[0x20, 0x01, 0x20, 0x02, 0x6a, 0xfd, 0x00, 0x00, 0x00], // load src + shift
    ...[0xfd, 0x79], // i8x16.max_u
    ...[0xfd, 0x0b, 0x00, 0x00], // store
    ...[0x20, 0x00, 0x41, 0x10, 0x6a, 0x21, 0x00], // dst += 16
    ...[0x20, 0x01, 0x41, 0x10, 0x6a, 0x21, 0x01], // src += 16
    ...[0x0c, 0x00, 0x0b, 0x0b],
  ),
);
const not = body(
  [0x01, 0x01, 0x7f], // one i32 local (2): the end
  code(
    ...[0x20, 0x00, 0x20, 0x01, 0x6a, 0x21, 0x02], // end = at + n
    ...[0x02, 0x40, 0x03, 0x40],
    ...[0x20, 0x00, 0x20, 0x02, 0x4f, 0x0d, 0x01], // at >= end: out
    ...[0x20, 0x00, 0x20, 0x00, 0xfd, 0x00, 0x00, 0x00, 0xfd, 0x4d, 0xfd, 0x0b, 0x00, 0x00], // *at = ~*at
    ...[0x20, 0x00, 0x41, 0x10, 0x6a, 0x21, 0x00], // at += 16
    ...[0x0c, 0x00, 0x0b, 0x0b],
  ),
);
const I32 = 0x7f;
const MODULE = Uint8Array.from([
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
  ...section(1, [0x02, 0x60, 0x04, I32, I32, I32, I32, 0x00, 0x60, 0x02, I32, I32, 0x00]),
  ...section(3, [0x02, 0x00, 0x01]),
  ...section(5, [0x01, 0x00, 0x01]),
  ...section(7, [0x03, ...name('mem'), 0x02, 0x00, ...name('maxShift'), 0x00, 0x00, ...name('not'), 0x00, 0x01]),
  ...section(10, [0x02, ...maxShift, ...not]),
]);

/** What is used of WebAssembly (the compiler's libraries here declare none of it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { readonly exports: Record<string, unknown> };
}

interface Simd {
  readonly memory: WasmMemory;
  readonly maxShift: (dst: number, src: number, shift: number, n: number) => void;
  readonly not: (at: number, n: number) => void;
}

let simd: Simd | null | undefined;

/** The module, compiled once; null where the runtime has no WebAssembly or no 128-bit vectors. */
function load(): Simd | null {
  if (simd !== undefined) return simd;
  try {
    const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    if (!wasm || !wasm.validate(MODULE)) return (simd = null);
    const exports = new wasm.Instance(new wasm.Module(MODULE)).exports as unknown as Omit<Simd, 'memory'> & { mem: WasmMemory };
    return (simd = { memory: exports.mem, maxShift: exports.maxShift, not: exports.not });
  } catch {
    return (simd = null);
  }
}

/** A vector step reads and writes up to 15 bytes past its range, and a run reads up to its shift past it: each area ends with this much to spare. */
const SLACK = 64;
const PAGE = 65536;

/**
 * squareExtreme with the module, or undefined where it is not available (the caller then uses
 * the scalar version). The module's memory grows to the largest image asked (a copy of it and
 * two padded copies) and is kept for the next call.
 */
export function wasmSquareExtreme(src: Uint8Array, width: number, height: number, size: number, minimum: boolean): Uint8Array | undefined {
  const m = load();
  if (!m) return undefined;
  if (width < 1 || height < 1) return new Uint8Array(0);
  const r = (size - 1) / 2;
  let p = 1;
  while (p * 2 <= size) p *= 2;
  const tail = size - p;
  const pw = width + 2 * r;
  const n = width * height;
  // Areas: S the source (inverted for a minimum), P the rows padded, C the columns padded (P
  // is used again for the result).
  const S = 0;
  const P = S + n + SLACK;
  const rowsP = height * pw;
  const C = P + rowsP + (size + 1) * pw + SLACK;
  const rowsC = (height + 2 * r) * pw;
  const end = C + rowsC + (size + 1) * pw + SLACK;
  const need = Math.ceil(end / PAGE) - m.memory.buffer.byteLength / PAGE;
  if (need > 0) m.memory.grow(need);
  const mem = new Uint8Array(m.memory.buffer);
  mem.set(src.subarray(0, n), S);
  if (minimum) m.not(S, n);
  // Rows: r zero bytes, the row, r zero bytes; then doubling along the whole run of rows (a
  // run crossing into the next row is never one an output reads).
  mem.fill(0, P, C);
  for (let y = 0; y < height; y++) mem.copyWithin(P + y * pw + r, S + y * width, S + (y + 1) * width);
  for (let s = 1; s < p; s *= 2) m.maxShift(P, P, s, rowsP);
  // Each row's windows, written straight into C below its r zero rows.
  mem.fill(0, C, end);
  m.maxShift(C + r * pw, P, tail, rowsP);
  mem.fill(0, C + r * pw + rowsP, end);
  for (let s = 1; s < p; s *= 2) m.maxShift(C, C, s * pw, rowsC);
  m.maxShift(P, C, tail * pw, rowsP);
  if (minimum) m.not(P, rowsP);
  const out = new Uint8Array(n);
  for (let y = 0; y < height; y++) out.set(mem.subarray(P + y * pw, P + y * pw + width), y * width);
  return out;
}
