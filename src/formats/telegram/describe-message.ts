import { isRecord, str } from '../json-input.js';

/**
 * What a Telegram Desktop JSON message holds besides its text, in a short line, so that no
 * message prints empty: a poll with its answers, a contact, a location or venue, a dice roll, a
 * game, an invoice, a sticker, a voice or video note, a giveaway, paid media; and what a
 * service message records. The fields are those Telegram Desktop's exporter writes
 * (export_output_json.cpp, SerializeMessage).
 */
export interface MessageDescription {
  /** The line that stands for the message's content, if it has any besides its text. */
  readonly line?: string;
  /** A kind this reader does not know, named for the finding. */
  readonly unknown?: string;
}

type Json = Record<string, unknown>;

const num = (value: unknown): number | undefined =>
  typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+(?:\.\d+)?$/.test(value) ? Number(value) : undefined;

/** A duration as m:ss (h:mm:ss past an hour). */
function duration(seconds: unknown): string {
  const s = num(seconds);
  if (s === undefined) return '';
  const whole = Math.round(s);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const rest = String(whole % 60).padStart(2, '0');
  return ` (${h > 0 ? `${h}:${String(m).padStart(2, '0')}` : m}:${rest})`;
}

const texts = (list: unknown, key = 'text'): string[] =>
  Array.isArray(list)
    ? list
        .filter(isRecord)
        .map((a) => str(a[key]) ?? '')
        .filter(Boolean)
    : [];

/** Currencies with no minor unit (ISO 4217): Telegram gives amounts in the smallest unit. */
const WHOLE_CURRENCIES = new Set(['JPY', 'KRW', 'VND', 'CLP', 'ISK', 'HUF', 'XTR']);

export function money(amount: unknown, currency: unknown): string {
  const n = num(amount);
  const code = str(currency) ?? '';
  if (n === undefined) return code;
  return `${WHOLE_CURRENCIES.has(code) ? String(n) : (n / 100).toFixed(2)} ${code}`.trim();
}

function place(info: unknown): string | undefined {
  if (!isRecord(info)) return undefined;
  const lat = num(info.latitude);
  const lon = num(info.longitude);
  return lat !== undefined && lon !== undefined ? `${lat}, ${lon}` : undefined;
}

/** Each media kind: the key that marks it, and its line. */
const MEDIA: readonly [string, (m: Json) => string][] = [
  [
    'poll',
    (m) => {
      const poll = isRecord(m.poll) ? m.poll : {};
      return `Poll: ${str(poll.question) ?? ''} — ${texts(poll.answers).join(' / ')}${poll.closed === true ? ' (closed)' : ''}`;
    },
  ],
  [
    'todo_list',
    (m) => {
      const list = isRecord(m.todo_list) ? m.todo_list : {};
      return `To-do list: ${str(list.title) ?? ''} — ${texts(list.answers ?? list.items).join(' / ')}`;
    },
  ],
  [
    'contact_information',
    (m) => {
      const c = isRecord(m.contact_information) ? m.contact_information : {};
      return `Contact: ${[str(c.first_name), str(c.last_name)].filter(Boolean).join(' ')}${str(c.phone_number) ? `, ${str(c.phone_number)}` : ''}`;
    },
  ],
  [
    'place_name',
    (m) =>
      `Venue: ${[str(m.place_name), str(m.address)].filter(Boolean).join(', ')}${place(m.location_information) ? ` (${place(m.location_information)})` : ''}`,
  ],
  [
    'location_information',
    (m) =>
      m.location_information === null
        ? 'Location (not shared in the export)'
        : `${m.live_location_period_seconds !== undefined ? 'Live location' : 'Location'}: ${place(m.location_information) ?? ''}`,
  ],
  [
    'dice',
    (m) => {
      const dice = isRecord(m.dice) ? m.dice : {};
      return `Dice ${str(dice.emoticon) ?? str(dice.emoji) ?? '🎲'}: ${String(num(dice.value) ?? '')}`;
    },
  ],
  ['game_title', (m) => `Game: ${[str(m.game_title), str(m.game_description)].filter(Boolean).join(' — ')}`],
  [
    'invoice_information',
    (m) => {
      const inv = isRecord(m.invoice_information) ? m.invoice_information : {};
      return `Invoice: ${[str(inv.title), str(inv.description)].filter(Boolean).join(' — ')}, ${money(inv.amount, inv.currency)}`;
    },
  ],
  [
    'giveaway_information',
    (m) => {
      const g = isRecord(m.giveaway_information) ? m.giveaway_information : {};
      return `Giveaway: ${String(num(g.quantity) ?? '')} prize(s)${str(g.additional_prize) ? `, ${str(g.additional_prize)}` : ''}`;
    },
  ],
  [
    'giveaway_results',
    (m) => {
      const g = isRecord(m.giveaway_results) ? m.giveaway_results : {};
      return `Giveaway results: ${String(num(g.winners_count) ?? '')} winner(s)`;
    },
  ],
  ['paid_stars_amount', (m) => `Paid media (${String(num(m.paid_stars_amount) ?? '')} stars)`],
];

const MEDIA_TYPES: Readonly<Record<string, (m: Json) => string>> = {
  sticker: (m) => `Sticker${str(m.sticker_emoji) ? ` ${str(m.sticker_emoji)}` : ''}`,
  voice_message: (m) => `Voice message${duration(m.duration_seconds)}`,
  video_message: (m) => `Video message${duration(m.duration_seconds)}`,
  animation: () => 'GIF',
  video_file: (m) => `Video${duration(m.duration_seconds)}`,
  audio_file: (m) => `Audio: ${[str(m.performer), str(m.title)].filter(Boolean).join(' – ')}${duration(m.duration_seconds)}`,
};

/** The keys every message may have that are not its content. */
const FRAME = new Set([
  'id',
  'type',
  'date',
  'date_unixtime',
  'edited',
  'edited_unixtime',
  'from',
  'from_id',
  'author',
  'forwarded_from',
  'saved_from',
  'reply_to_message_id',
  'reply_to_peer_id',
  'via_bot',
  'text',
  'text_entities',
  'reactions',
  'inline_bot_buttons',
  'width',
  'height',
  'thumbnail',
  'mime_type',
  'self_destruct_period_seconds',
  'media_spoiler',
  'file_size',
  'thumbnail_file_size',
  'file_name',
  'photo_file_size',
  'contact_vcard',
  'contact_vcard_file_size',
  'forwarded_from_id',
  'actor',
  'actor_id',
  'action',
]);

/** A message of type "message": its media as a line (none for a photo or file, shown as attachments), or the kind nobody here knows. */
export function describeMedia(m: Json): MessageDescription {
  for (const [key, line] of MEDIA) if (key in m) return { line: line(m) };
  const mediaType = str(m.media_type);
  if (mediaType) {
    const line = MEDIA_TYPES[mediaType];
    return line ? { line: line(m) } : { line: `(${mediaType.replace(/_/g, ' ')})`, unknown: `media_type ${mediaType}` };
  }
  // A photo or a file is named among the message's attachments.
  if (str(m.photo) || str(m.file)) return {};
  const other = Object.keys(m).filter((k) => !FRAME.has(k));
  return other.length > 0 ? { unknown: other.join(', ') } : {};
}
