import { fileTimeToEpochMs, propText, readPropList, TnefDamage, type PropValue } from './tnef-props.js';

/**
 * A small reader of TNEF (winmail.dat, application/ms-tnef) as [MS-OXTNEF] describes it:
 * the signature 0x223E9F78, a key, then attributes — a level byte (message or attachment),
 * a 32-bit id, a 32-bit length, the data and a 16-bit checksum (the sum of the data's bytes).
 * Message properties (attMsgProps) carry the body, often only as compressed RTF; each
 * attachment starts at attAttachRendData and has its file in attAttachData, its name in
 * attAttachTitle or, long, in attAttachment's PidTagAttachLongFilename. An attached message
 * (PidTagAttachDataObject with IID_IMessage) is a TNEF stream of its own.
 */
export const TNEF_SIGNATURE = 0x223e9f78;

export interface TnefAttachment {
  readonly name: string;
  readonly bytes?: Buffer;
  readonly message?: TnefMessage;
}

export interface TnefMessage {
  readonly subject?: string;
  readonly fromName?: string;
  readonly fromAddress?: string;
  /** Submit time from the MAPI properties (UTC). */
  readonly sentEpochMs?: number;
  /** attDateSent, a wall time whose zone the format does not state. */
  readonly sentLocal?: { year: number; month: number; day: number; hour: number; minute: number; second: number };
  readonly body?: string;
  readonly html?: string;
  readonly rtfCompressed?: Buffer;
  readonly messageId?: string;
  readonly headers?: string;
  readonly to?: string;
  readonly cc?: string;
  readonly attachments: TnefAttachment[];
  /** What stopped or spoiled the reading, when the stream is damaged. */
  readonly damage: string[];
}

const IID_IMESSAGE = Buffer.from('0703020000000000c000000000000046', 'hex');

export function isTnef(bytes: Buffer): boolean {
  return bytes.length >= 6 && bytes.readUInt32LE(0) === TNEF_SIGNATURE;
}

interface Draft {
  props: Map<number, PropValue>;
  attrs: Map<number, Buffer>;
  attachments: { attrs: Map<number, Buffer>; props: Map<number, PropValue> }[];
  damage: string[];
}

/** Reads as much of the stream as is whole; what is cut or wrong is said in `damage`. */
export function readTnef(bytes: Buffer, depth = 0): TnefMessage {
  const draft: Draft = { props: new Map(), attrs: new Map(), attachments: [], damage: [] };
  if (!isTnef(bytes)) return finish({ ...draft, damage: ['it does not start with the TNEF signature'] }, depth);
  let codePage = 'windows-1252';
  const decode8 = (b: Buffer) => decodeCodePage(b, codePage);
  let at = 6;
  while (at < bytes.length) {
    if (at + 9 > bytes.length) {
      draft.damage.push(`it ends inside an attribute header at byte ${at}`);
      break;
    }
    const level = bytes[at]!;
    const id = bytes.readUInt32LE(at + 1) & 0xffff;
    const size = bytes.readUInt32LE(at + 5);
    const start = at + 9;
    if (start + size + 2 > bytes.length) {
      draft.damage.push(`it is cut short: an attribute at byte ${at} needs ${size} byte(s), ${Math.max(0, bytes.length - start - 2)} remain`);
      break;
    }
    const data = bytes.subarray(start, start + size);
    let sum = 0;
    for (const b of data) sum = (sum + b) & 0xffff;
    if (sum !== bytes.readUInt16LE(start + size)) draft.damage.push(`the checksum of the attribute at byte ${at} is wrong`);
    at = start + size + 2;
    if (id === 0x9007 && size >= 4) codePage = codePageName(data.readUInt32LE(0));
    try {
      takeAttribute(draft, level, id, data, decode8);
    } catch (error) {
      if (!(error instanceof TnefDamage)) throw error;
      draft.damage.push(`the properties at byte ${at - size - 11} are damaged (${error.message})`);
    }
  }
  return finish(draft, depth, decode8);
}

function takeAttribute(draft: Draft, level: number, id: number, data: Buffer, decode8: (b: Buffer) => string): void {
  if (level === 2) {
    if (id === 0x9002 || draft.attachments.length === 0) draft.attachments.push({ attrs: new Map(), props: new Map() });
    const current = draft.attachments.at(-1)!;
    if (id === 0x9005) current.props = readPropList(data, decode8);
    else current.attrs.set(id, data);
    return;
  }
  if (id === 0x9003) draft.props = readPropList(data, decode8);
  else draft.attrs.set(id, data);
}

function finish(draft: Draft, depth: number, decode8: (b: Buffer) => string = (b) => b.toString('latin1')): TnefMessage {
  const { props, attrs } = draft;
  const text = (id: number) => (attrs.has(id) ? decode8(attrs.get(id)!).replace(/\0+$/, '').trim() || undefined : undefined);
  const from = attrs.get(0x8000) ? readTriple(attrs.get(0x8000)!, decode8) : undefined;
  const submit = props.get(0x0039);
  const rtf = props.get(0x1009);
  const html = props.get(0x1013);
  const attachments = draft.attachments.map((a, i) => attachmentOf(a, i, depth, draft.damage));
  const pick = <T>(key: string, value: T | undefined) => (value === undefined ? {} : { [key]: value });
  return {
    ...pick('subject', propText(props, 0x0037) ?? text(0x8004)),
    ...pick('fromName', propText(props, 0x0042, 0x0c1a) ?? from?.name),
    ...pick('fromAddress', propText(props, 0x5d02, 0x5d01, 0x0065, 0x0c1f) ?? from?.address),
    ...pick('sentEpochMs', typeof submit === 'bigint' ? fileTimeToEpochMs(submit) : undefined),
    ...pick('sentLocal', attrs.get(0x8005) ? readDtr(attrs.get(0x8005)!) : undefined),
    ...pick('body', propText(props, 0x1000) ?? text(0x800c)),
    ...pick('html', typeof html === 'string' ? html : Buffer.isBuffer(html) ? html.toString('utf8') : undefined),
    ...pick('rtfCompressed', Buffer.isBuffer(rtf) ? rtf : undefined),
    ...pick('messageId', propText(props, 0x1035)),
    ...pick('headers', propText(props, 0x007d)),
    ...pick('to', propText(props, 0x0e04)),
    ...pick('cc', propText(props, 0x0e03)),
    attachments,
    damage: draft.damage,
  } as TnefMessage;
}

function attachmentOf(a: Draft['attachments'][number], i: number, depth: number, damage: string[]): TnefAttachment {
  const title = a.attrs.get(0x8010)?.toString('latin1').replace(/\0+$/, '');
  const name = propText(a.props, 0x3707, 0x3704, 0x3001) ?? (title || `attachment-${i + 1}`);
  const object = a.props.get(0x3701);
  // An attached message travels as a TNEF stream of its own after IID_IMessage.
  if (Buffer.isBuffer(object) && object.subarray(0, 16).equals(IID_IMESSAGE) && depth < 4) {
    const message = readTnef(object.subarray(16), depth + 1);
    damage.push(...message.damage.map((d) => `the attached message "${name}": ${d}`));
    return { name, message };
  }
  const bytes = a.attrs.get(0x800f) ?? (Buffer.isBuffer(object) ? object : undefined);
  return bytes ? { name, bytes } : { name };
}

/** attFrom: a TRP header (id, total, name and address lengths), the name, then the address. */
function readTriple(data: Buffer, decode8: (b: Buffer) => string): { name?: string; address?: string } | undefined {
  if (data.length < 8) return undefined;
  const nameLength = data.readUInt16LE(4);
  const addressLength = data.readUInt16LE(6);
  const name = decode8(data.subarray(8, 8 + nameLength))
    .replace(/\0+$/, '')
    .trim();
  const address = decode8(data.subarray(8 + nameLength, 8 + nameLength + addressLength))
    .replace(/\0+$/, '')
    .replace(/^SMTP:/i, '')
    .trim();
  return { ...(name ? { name } : {}), ...(address.includes('@') ? { address } : {}) };
}

function readDtr(data: Buffer): TnefMessage['sentLocal'] {
  if (data.length < 12) return undefined;
  const [year, month, day, hour, minute, second] = [0, 2, 4, 6, 8, 10].map((o) => data.readUInt16LE(o)) as [number, number, number, number, number, number];
  return { year, month, day, hour, minute, second };
}

/** 8-bit text in the message's code page (Latin-1 when the runtime does not know it). */
export function decodeCodePage(bytes: Buffer, codePage: string): string {
  try {
    return new TextDecoder(codePage).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

/** A Windows code page number as a TextDecoder label. */
export function codePageName(cp: number): string {
  return cp === 65001 ? 'utf-8' : cp === 1200 ? 'utf-16le' : cp === 20127 ? 'us-ascii' : cp === 28591 ? 'latin1' : `windows-${cp}`;
}
