/** Where a fact came from, in order of trust (most trusted first). */
export const DATE_SOURCES = ['manifest', 'export', 'sidecar', 'exif', 'metadata', 'filename', 'text', 'ocr'] as const;
export type DateSource = (typeof DATE_SOURCES)[number];

/**
 * How the UTC offset of a time was known: written next to the time (`offset`), an epoch
 * number (`epoch`), or assumed from the case's zone because the source carried none.
 */
export type ZoneKnowledge = 'offset' | 'epoch' | `assumed:${string}`;

export interface DateFact {
  /** The instant, as milliseconds since the epoch (UTC). */
  readonly epochMs: number;
  /** The time as the source wrote it, for the appendix and for `check`. */
  readonly text: string;
  readonly source: DateSource;
  readonly zone: ZoneKnowledge;
  /** The UTC offset in minutes to show the time in, when the source gave one. */
  readonly offsetMinutes?: number;
  /** `day` when the source only gave a calendar date (e.g. WhatsApp media names). */
  readonly precision: 'second' | 'minute' | 'day';
}

export interface Fact<T> {
  readonly value: T;
  readonly source: string;
}

export type Severity = 'error' | 'warning' | 'info';

/** A problem found in a case: data with a stable code; wording is produced later. */
export interface Finding {
  readonly code: string;
  readonly severity: Severity;
  /** Path relative to the case folder, with forward slashes. */
  readonly file?: string;
  readonly line?: number;
  /** Key path inside the manifest, like `items[2].date`. */
  readonly path?: string;
  readonly args: Readonly<Record<string, string | number>>;
}

export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif' | 'tiff' | 'heif';

/** A JPEG or HEIC is a photo (JPEG on every rung, its text read as sparse too); other images are screenshots. */
export const isPhotoFormat = (format: ImageFormat | undefined): boolean => format === 'jpeg' || format === 'heif';

export interface ImageInfo {
  readonly format: ImageFormat;
  readonly width: number;
  readonly height: number;
  /** Frames in the file (animated GIF/WebP, multi-page TIFF); only the first is used. */
  readonly frames: number;
  /** EXIF orientation 1–8; width/height above are already as displayed. */
  readonly orientation: number;
  readonly hasAlpha: boolean;
  /** True when no pixel is see-through (known from a full read): nothing to flatten onto white. */
  readonly opaque?: boolean;
  /** The image without its uniform borders (upright pixels), when they are wide enough to trim. */
  readonly trim?: Rect;
}

/** x, y, width, height in image pixels. */
export type Rect = readonly [number, number, number, number];

export interface ImageMarks {
  readonly crop?: Rect;
  readonly highlight: readonly Rect[];
  readonly redact: readonly Rect[];
  /** A view made to be read, not an exhibit as it came: its text is darkened (imaging/darken-text.ts). */
  readonly darken?: true;
}

/** Every file found in the case folder, included or not: the appendix lists them all. */
export interface SourceFile {
  /** Relative to the case folder, forward slashes. */
  readonly file: string;
  readonly absolutePath: string;
  readonly bytes: number;
  readonly sha256: string;
  /** Format id from the registry, or undefined when nothing recognised it. */
  readonly format?: string;
  /** Set for a file read out of an archive (a WhatsApp zip's media): the archive and the entry's name. */
  readonly archive?: { readonly file: string; readonly absolutePath: string; readonly entry: string };
  /** Set for a file that belongs to a folder export (Slack): the folder, which is one exhibit. */
  readonly partOf?: string;
  /**
   * Set for a file attached to an email: the mailbox, the message (its Message-ID, or where
   * it is) and the attachment's name. Its bytes are held, as the mailbox gave them.
   */
  readonly attachment?: { readonly of: string; readonly message: string; readonly name: string; readonly bytes: Buffer };
}

/** A line of text OCR read in an image. */
export interface OcrLine {
  readonly text: string;
  readonly confidence: number;
  /** x, y, width, height in source pixels of the visible (cropped) image. */
  readonly bbox: readonly [number, number, number, number];
}

/** What OCR read in an image as the packet shows it (cropped, redacted). */
export interface OcrText {
  readonly text: string;
  readonly lines: readonly OcrLine[];
  /**
   * Each word, with its box in the same pixels: OCR joins text on one baseline into a line
   * even across columns (a side bar and a message pane), so columns are found from words.
   */
  readonly words?: readonly OcrLine[];
  /** Set once card numbers are masked: the boxes (visible pixels, tight) of the words that held them, and how many. */
  readonly cardBoxes?: readonly Rect[];
  readonly cardCount?: number;
  /** Whether it came from the cache. */
  readonly cached: boolean;
  /** The image's budget ran out before every reading it called for was made (OCR_PARTIAL). */
  readonly partial?: boolean;
}

export interface ImageExhibit {
  readonly kind: 'image';
  readonly file: string;
  readonly source: SourceFile;
  readonly image: ImageInfo;
  readonly date: DateFact;
  /** Every date candidate the sources offered, most trusted first (the chosen one included). */
  readonly dateCandidates: readonly DateFact[];
  readonly note?: Fact<string>;
  readonly marks: ImageMarks;
  /** For an image a chat message refers to: placed right after that message. */
  readonly follows?: { readonly file: string; readonly seq: number };
  /** For an email's attachment: who sent the message that carries it. */
  readonly sender?: string;
  /** `landscape: false` in case.yaml: shown on an upright page even when a landscape one would show it larger. */
  readonly upright?: true;
  /** `focus: false` in case.yaml: never shown as an enlarged focus crop, only whole. */
  readonly focus?: false;
  /** Text read from the image, when OCR ran. */
  readonly ocr?: OcrText;
}

/** One message of a conversation, as the export gave it. */
export interface ChatMessage {
  /** Position in the conversation (0-based, in the export's own order). */
  readonly seq: number;
  readonly date: DateFact;
  readonly sender?: string;
  readonly senderEmail?: string;
  /** The message text; card numbers are already masked. */
  readonly text: string;
  /** Names of the files the message carries or refers to. */
  readonly attachments: readonly string[];
  /** A line the app wrote itself (joins, encryption notices, subject changes). */
  readonly system?: boolean;
  /** Where in the source: `line 12`, `messages[3]`, `message 2 (Message-ID <…>)`. */
  readonly where: string;
  /** Channel, ticket or chat name, when one file holds several conversations. */
  readonly conversation?: string;
  /** Subject line (emails, tickets). */
  readonly subject?: string;
  /** A reply in a thread: what it replies to, as text for the reader. */
  readonly inReplyTo?: string;
  /** Set once the client is recognised. */
  readonly isClient?: boolean;
  readonly note?: string;
}

/** A chat, email or helpdesk export: its selected messages, in time order. */
export interface ChatExhibit {
  readonly kind: 'chat';
  readonly file: string;
  readonly source: SourceFile;
  /** The adapter's short label: "WhatsApp", "Email (mbox)"… */
  readonly format: string;
  readonly title?: string;
  /** The first message's date (orders the exhibit among the others). */
  readonly date: DateFact;
  readonly messages: readonly ChatMessage[];
  /** How many messages the export holds in all (before `select`). */
  readonly totalMessages: number;
  readonly note?: Fact<string>;
  /** In the packet, a chat is cut into excerpts where other exhibits fall between its messages. */
  readonly excerpt?: { readonly part: number; readonly parts: number };
}

/** One page of a PDF exhibit, as the packet shows it. */
export interface DocumentPage {
  /** 1-based page number in the source PDF. */
  readonly number: number;
  /** Size in points as a viewer shows it (its crop box, turned by its /Rotate). */
  readonly width: number;
  readonly height: number;
  /** The page's text: its text layer, or what OCR read when it has none. */
  readonly text: string;
  readonly textFrom: 'layer' | 'ocr' | 'none';
  /**
   * How the page goes into the packet: its own vector content (text stays text), or a
   * picture of it, painted at `dpi`, when a redaction must destroy what it covers, the file
   * is encrypted or damaged, or the size budget needs it.
   */
  readonly treatment: 'vector' | 'raster';
  readonly rasterReason?: 'redact' | 'encrypted' | 'damaged' | 'budget';
  /** The page paints images (a scan, a photo): painting it again at a lower resolution saves bytes. */
  readonly images: boolean;
  /** Its large JPEG images (object "12 0 R", pixels), which may be recompressed while the page stays vector. */
  readonly jpegs: readonly { readonly ref: string; readonly width: number; readonly height: number }[];
  /** How many images of that size the page paints in all (JPEG or not). */
  readonly largeImages: number;
  /** Set when the size budget had those JPEGs recompressed down the photo ladder (the text is kept). */
  readonly resampled?: true;
  /** Regions in points from the page's top-left, as a viewer shows the page. */
  readonly highlight: readonly Rect[];
  readonly redact: readonly Rect[];
  readonly note?: string;
}

/** A PDF document (an invoice, a contract): the pages it is shown by, each one packet page. */
export interface DocumentExhibit {
  readonly kind: 'document';
  readonly file: string;
  readonly source: SourceFile;
  readonly date: DateFact;
  readonly dateCandidates: readonly DateFact[];
  readonly note?: Fact<string>;
  /** The pages shown (all, or those `pages:` picks), in order. */
  readonly pages: readonly DocumentPage[];
  readonly totalPages: number;
  /** For an email attachment: shown right after the message that carries it. */
  readonly follows?: { readonly file: string; readonly seq: number };
  /** For an email's attachment: who sent the message that carries it. */
  readonly sender?: string;
}

export type Exhibit = ImageExhibit | ChatExhibit | DocumentExhibit;

export interface Party {
  readonly name?: Fact<string>;
  readonly email?: Fact<string>;
  readonly aliases: readonly string[];
}

export interface CaseInfo {
  readonly id: string;
  readonly folder: string;
  readonly manifestFile?: string;
  readonly profile: string;
  readonly network?: string;
  readonly reason?: string;
  /** case.yaml's `reason_code:`: the card network's code for the dispute (rules/network-reason-codes.ts). */
  readonly reasonCode?: string;
  /** case.yaml's `product_type:` (digital, service, physical …). */
  readonly productType?: string;
  /** case.yaml's `category:` per item, by the item's case-relative file (a folder without its slash). */
  readonly categories?: Readonly<Record<string, readonly string[]>>;
  /** case.yaml's `access_log:`: which lines of an access log are the client's. */
  readonly accessLog?: { readonly ip?: readonly string[]; readonly user?: string; readonly match?: readonly string[] };
  readonly amount?: number;
  readonly currency?: string;
  readonly due?: DateFact;
  readonly transaction?: { readonly id?: string; readonly date?: DateFact };
  readonly order?: string;
  readonly ticket?: string;
  readonly product?: string;
  readonly serviceDate?: DateFact;
  /** Absolute path of a custom cover-letter template, and where it was named. */
  readonly template?: Fact<string>;
  /** The IANA zone for local times, and where it came from. */
  readonly timezone?: Fact<string>;
  readonly client: Party;
  readonly merchant: { readonly name?: string; readonly email?: string };
  readonly summary?: string;
}
