/**
 * MAPI property lists as TNEF carries them (attMsgProps, attAttachment; [MS-OXTNEF] 2.1.3.4):
 * a count, then per property its type and id (a named one adds its GUID and name), then its
 * value; variable-size values are counted and padded to four bytes.
 */

/** Property types ([MS-OXCDATA] 2.11.1) whose values have a fixed size, with that size. */
const FIXED_SIZES = new Map<number, number>([
  [0x0002, 4],
  [0x0003, 4],
  [0x0004, 4],
  [0x0005, 8],
  [0x0006, 8],
  [0x0007, 8],
  [0x000a, 4],
  [0x000b, 4],
  [0x0014, 8],
  [0x0040, 8],
  [0x0048, 16],
]);
const PT_STRING8 = 0x001e;
const PT_UNICODE = 0x001f;
const MV_FLAG = 0x1000;

/** One property's value: text for strings, bytes for binaries and objects, a number for the rest. */
export type PropValue = string | Buffer | number | bigint;

export class TnefDamage extends Error {}

/** Reads a property list; `decode8` decodes 8-bit strings (the message's code page). */
export function readPropList(data: Buffer, decode8: (b: Buffer) => string): Map<number, PropValue> {
  const props = new Map<number, PropValue>();
  let at = 0;
  const need = (n: number) => {
    if (at + n > data.length) throw new TnefDamage(`a property list ends ${at + n - data.length} byte(s) early`);
  };
  need(4);
  const count = data.readUInt32LE(at);
  at += 4;
  for (let i = 0; i < count; i++) {
    need(4);
    const type = data.readUInt16LE(at);
    const id = data.readUInt16LE(at + 2);
    at += 4;
    if (id >= 0x8000) at = skipPropertyName(data, at, need);
    const base = type & ~MV_FLAG;
    const fixed = FIXED_SIZES.get(base);
    const values: PropValue[] = [];
    let n = 1;
    if (type & MV_FLAG || fixed === undefined) {
      need(4);
      n = data.readUInt32LE(at);
      at += 4;
    }
    for (let k = 0; k < n; k++) {
      if (fixed !== undefined) {
        need(fixed);
        values.push(fixedValue(data, at, base));
        at += Math.max(4, fixed);
        continue;
      }
      need(4);
      const size = data.readUInt32LE(at);
      at += 4;
      need(size);
      const raw = data.subarray(at, at + size);
      values.push(base === PT_UNICODE ? raw.toString('utf16le').replace(/\0+$/, '') : base === PT_STRING8 ? decode8(raw).replace(/\0+$/, '') : raw);
      at += (size + 3) & ~3;
    }
    if (values[0] !== undefined) props.set(id, values[0]);
  }
  return props;
}

function skipPropertyName(data: Buffer, at: number, need: (n: number) => void): number {
  need(20);
  const kind = data.readUInt32LE(at + 16);
  if (kind === 0) return at + 24;
  need(24);
  const size = data.readUInt32LE(at + 20);
  return at + 24 + ((size + 3) & ~3);
}

function fixedValue(data: Buffer, at: number, type: number): number | bigint {
  if (type === 0x0002 || type === 0x000b) return data.readUInt16LE(at);
  if (type === 0x0003 || type === 0x000a) return data.readUInt32LE(at);
  if (type === 0x0004) return data.readFloatLE(at);
  if (type === 0x0005 || type === 0x0007) return data.readDoubleLE(at);
  if (type === 0x0048) return 0;
  return data.readBigUInt64LE(at);
}

/** A FILETIME (100 ns since 1601, UTC) as epoch milliseconds. */
export function fileTimeToEpochMs(value: bigint): number {
  return Number(value / 10_000n) - 11_644_473_600_000;
}

/** The first of these properties that is text. */
export function propText(props: Map<number, PropValue>, ...ids: number[]): string | undefined {
  for (const id of ids) {
    const v = props.get(id);
    if (typeof v === 'string' && v.trim()) return v.trim();
  }
  return undefined;
}
