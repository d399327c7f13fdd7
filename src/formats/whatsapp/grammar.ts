/**
 * The words, marks and digits WhatsApp writes its message headers in, as tables: a locale
 * that writes them differently is a row here, not another regular expression. parse.ts
 * builds the header grammar from them.
 */

/** Direction and format marks (LRM, RLM, ALM, embeddings, isolates, BOM), taken out before a line is read. */
export const MARK_CLASS = '\\u200e\\u200f\\u061c\\u202a-\\u202e\\u2066-\\u2069\\ufeff';

/** Digit sets other than ASCII that dates are written in, by the code point of their zero. */
export const DIGIT_ZEROS: readonly number[] = [
  0x0660, // Arabic-Indic (Arabic)
  0x06f0, // Extended Arabic-Indic (Persian, Urdu)
  0x0966, // Devanagari (Hindi, Marathi)
  0x09e6, // Bengali
  0x0e50, // Thai
  0x1040, // Myanmar
];

/** What may stand between the date and the time besides spaces: a comma, the Arabic comma, a word. */
export const DATE_TIME_JOINERS: readonly string[] = [',', '،', ' à', ' um', ' at', ' alle', ' a las', ' às', ' kl.', ' klo', ' в'];

/** Calendars whose years are not the Gregorian ones, by the mark after the date, and how far they are ahead. */
export const ERAS: readonly { readonly marks: readonly string[]; readonly years: number; readonly from: number }[] = [
  // The Thai solar calendar (Buddhist era): 2565 BE is 2022. Thai exports write it with or
  // without the mark; a year from `from` on is read as one even without it.
  { marks: ['BE', 'พ.ศ.'], years: 543, from: 2400 },
];

/** Before or after the time: which half of a 12-hour clock it is. */
export const MERIDIEMS: readonly { readonly words: readonly string[]; readonly half: 'a' | 'p' }[] = [
  {
    half: 'a',
    words: ['AM', 'am', 'a.m.', 'a. m.', 'A.M.', 'vorm.', 'ص', 'ق.ظ', 'π.μ.', 'до полудня', '上午', '午前', '오전', 'ก่อนเที่ยง', 'पूर्वाह्न', 'SA', 'sa'],
  },
  {
    half: 'p',
    words: ['PM', 'pm', 'p.m.', 'p. m.', 'P.M.', 'nachm.', 'م', 'ب.ظ', 'μ.μ.', 'после полудня', '下午', '午後', '오후', 'หลังเที่ยง', 'अपराह्न', 'CH', 'ch'],
  },
];

/** What iOS writes for media left out of an export ("image omitted"), in each language, after its U+200E. */
export const MEDIA_OMITTED: readonly string[] = [
  'image omitted',
  'video omitted',
  'audio omitted',
  'sticker omitted',
  'GIF omitted',
  'document omitted',
  'Contact card omitted',
  'image absente',
  'vidéo absente',
  'audio omis',
  'autocollant omis',
  'GIF retiré',
  'document omis',
  'Bild weggelassen',
  'Video weggelassen',
  'Audio weggelassen',
  'Sticker weggelassen',
  'GIF weggelassen',
  'Dokument weggelassen',
  'imagen omitida',
  'video omitido',
  'audio omitido',
  'sticker omitido',
  'GIF omitido',
  'documento omitido',
  'imagem ocultada',
  'vídeo oculto',
  'áudio ocultado',
  'figurinha omitida',
  'documento ocultado',
  'immagine omessa',
  'video omesso',
  'audio omesso',
  'sticker omesso',
  'documento omesso',
  'gambar tidak disertakan',
  'video tidak disertakan',
  'audio tidak disertakan',
  'stiker tidak disertakan',
  'изображение отсутствует',
  'видео отсутствует',
  'аудиофайл отсутствует',
  'стикер отсутствует',
  'Fiche contact manquante',
  'document manquant',
  'Kontaktkarte ausgelassen',
  'стикер не добавлен',
  'Карточка контакта отсутствует',
  'документ отсутствует',
  'GIF отсутствует',
  'đã bỏ qua hình ảnh',
  'đã bỏ video',
  'bỏ qua tệp âm thanh',
  'đã bỏ sticker',
  'Đã bỏ qua ảnh GIF',
  'Bỏ qua thẻ liên lạc',
  'đã bỏ qua tài liệu',
  'GIF tidak disertakan',
  'Kartu kontak tidak disertakan',
  'dokumen tidak disertakan',
  'ไม่มีรูปภาพ',
  'วิดีโอถูกลบ',
  'ไม่มีไฟล์เสียง',
  'ไม่มีสติกเกอร์',
  'ละเว้น GIF',
  'บัตรรายชื่อที่ละเว้น',
  'ละเว้นเอกสาร',
  // Android, for the whole export.
  '<Media omitted>',
  '<Medien ausgeschlossen>',
  '<Multimedia omitido>',
  '<Médias omis>',
  '<Mídia oculta>',
  '<Media omessi>',
  '<Без медиафайлов>',
];

/**
 * What iOS writes under the chat's name that nobody in it wrote: the encryption notice and the
 * security-code change, in each language (the start of the text, after its U+200E). Every other
 * line that names a sender is that sender's, whatever its text: a sticker, a contact card, a
 * location, a deleted message.
 */
export const APP_NOTICES: readonly string[] = [
  'Messages and calls are end-to-end encrypted',
  'Messages to this group are now secured',
  'Your security code with',
  'Les messages et les appels sont chiffrés de bout en bout',
  'Votre code de sécurité avec',
  'Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt',
  'Deine Sicherheitsnummer für',
  'Los mensajes y las llamadas están cifrados de extremo a extremo',
  'Cambió tu código de seguridad con',
  'As mensagens e as chamadas são protegidas com a criptografia de ponta a ponta',
  'Seu código de segurança com',
  'I messaggi e le chiamate sono crittografati end-to-end',
  'Il tuo codice di sicurezza con',
  'Сообщения и звонки защищены сквозным шифрованием',
  'Ваш код безопасности для',
  'Tin nhắn và cuộc gọi được mã hóa đầu cuối',
  'Mã bảo mật của bạn với',
  'Pesan dan panggilan terenkripsi secara end-to-end',
  'Kode keamanan Anda dengan',
  'ข้อความและการโทรได้รับการเข้ารหัสตั้งแต่ต้นทางถึงปลายทาง',
  'รหัสความปลอดภัยของคุณกับ',
];

/** Android's day periods instead of AM/PM ("9:15 in the morning"), and how each turns a 12-hour time into 24 hours. */
export type DayPeriod = 'morning' | 'afternoon' | 'evening' | 'night' | 'small-hours';

export const DAY_PERIODS: readonly { readonly words: readonly string[]; readonly period: DayPeriod }[] = [
  { period: 'morning', words: ['in the morning', 'de la mañana', 'da manhã', 'du matin', 'morgens', 'del mattino', 'di mattina', 'утра', 'pagi'] },
  {
    period: 'afternoon',
    words: [
      'in the afternoon',
      'de la tarde',
      'da tarde',
      "de l'après-midi",
      'de l’après-midi',
      'nachmittags',
      'del pomeriggio',
      'di pomeriggio',
      'дня',
      'siang',
      'sore',
    ],
  },
  { period: 'evening', words: ['in the evening', 'du soir', 'abends', 'di sera', 'della sera', 'вечера', 'malam'] },
  { period: 'night', words: ['at night', 'de la noche', 'da noite', 'nachts', 'di notte', 'della notte', 'ночи'] },
  { period: 'small-hours', words: ['de la madrugada', 'da madrugada'] },
];

/** A 12-hour clock's hour in 24 hours, for a half of the day or a day period. */
export function hourOf(hour: number, half: 'a' | 'p' | undefined, period: DayPeriod | undefined): number {
  if (hour > 12) return hour;
  if (half === 'a' || period === 'morning' || period === 'small-hours') return hour === 12 ? 0 : hour;
  if (half === 'p' || period === 'afternoon' || period === 'evening') return hour === 12 ? 12 : hour + 12;
  // "at night": 9 at night is 21:00, 1 at night 01:00, 12 at night midnight.
  if (period === 'night') return hour === 12 ? 0 : hour >= 6 ? hour + 12 : hour;
  return hour;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** An alternation of the words, longest first (so "a. m." is not read as "a"); a space in one matches a no-break space too. */
export function alternation(words: readonly string[]): string {
  return [...words]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .map((w) => escapeRegExp(w).replace(/ /g, '[ \\u00a0\\u202f]'))
    .join('|');
}

const OTHER_DIGITS = new RegExp(`[${DIGIT_ZEROS.map((z) => `\\u${z.toString(16).padStart(4, '0')}-\\u${(z + 9).toString(16).padStart(4, '0')}`).join('')}]`);

/** A line's other digit sets written as ASCII digits (one character each way, so offsets hold). */
export function asciiDigits(text: string): string {
  // Most lines have none: they are not copied.
  if (!OTHER_DIGITS.test(text)) return text;
  let out = '';
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const zero = code >= 0x0660 ? DIGIT_ZEROS.find((z) => code >= z && code <= z + 9) : undefined;
    if (zero !== undefined) {
      out += String.fromCharCode(0x30 + code - zero);
      changed = true;
    } else out += text[i];
  }
  return changed ? out : text;
}
