export interface Profile {
  readonly name: string;
  readonly label: string;
  /** Largest accepted packet in bytes, or undefined for no limit. */
  readonly maxBytes?: number;
  /** Most pages accepted, or undefined for no limit. */
  readonly maxPages?: number;
  /** Tighter page limits per card network. */
  readonly networkMaxPages?: Readonly<Record<string, number>>;
  readonly blackAndWhite: boolean;
  /**
   * 'several' when the limit applies to each file and several may be sent (so --split
   * helps); 'one' when it is one file, or all files combined (splitting cannot help).
   */
  readonly files: 'one' | 'several';
  /** Where the figures come from, so a user can check them. */
  readonly source: string;
}

const MB = 1_000_000;

export const PROFILES: readonly Profile[] = [
  {
    name: 'stripe',
    label: 'Stripe',
    maxBytes: 4.5 * MB,
    maxPages: 49,
    networkMaxPages: { mastercard: 19 },
    blackAndWhite: false,
    files: 'one',
    source: 'Stripe docs, "Respond to disputes": combined evidence 4.5 MB and fewer than 50 pages; 19 pages for Mastercard',
  },
  { name: 'paypal', label: 'PayPal', maxBytes: 10 * MB, blackAndWhite: false, files: 'several', source: 'PayPal Resolution Center: 10 MB per file' },
  {
    name: 'braintree',
    label: 'Braintree',
    maxBytes: 4 * MB,
    blackAndWhite: false,
    files: 'several',
    source: 'Braintree docs, "Disputes: evidence": 4 MB per file',
  },
  {
    name: 'adyen',
    label: 'Adyen',
    maxBytes: 2 * MB,
    networkMaxPages: { mastercard: 19 },
    blackAndWhite: false,
    files: 'several',
    source: 'Adyen docs, "Defend a dispute": PDF up to 2 MB per defense document; Mastercard accepts 19 pages',
  },
  { name: 'visa', label: 'Visa (direct)', maxBytes: 2 * MB, blackAndWhite: false, files: 'several', source: 'Visa Resolve Online: 2 MB per document' },
  {
    name: 'amex',
    label: 'American Express',
    maxBytes: 5 * MB,
    maxPages: 20,
    blackAndWhite: false,
    files: 'one',
    source: 'American Express merchant portal: 5 MB and 20 pages for the response',
  },
  {
    name: 'amex-optblue',
    label: 'American Express OptBlue',
    maxBytes: 1 * MB,
    blackAndWhite: true,
    files: 'one',
    source: 'American Express OptBlue program: 1 MB, black and white',
  },
  { name: 'generic', label: 'Generic (no limits)', blackAndWhite: false, files: 'several', source: 'no processor: no size or page limit' },
];

export const PROFILE_NAMES = PROFILES.map((p) => p.name);
export const DEFAULT_PROFILE = 'generic';

export function findProfile(name: string): Profile | undefined {
  return PROFILES.find((p) => p.name === name);
}

export interface Limits {
  readonly profile: string;
  readonly maxBytes?: number;
  readonly maxPages?: number;
  readonly blackAndWhite: boolean;
  readonly files: Profile['files'];
}

/** The limits in force: the profile, tightened by the network, overridden by flags. */
export function resolveLimits(profile: Profile, options: { network?: string; maxBytes?: number; maxPages?: number }): Limits {
  const networkPages = options.network ? profile.networkMaxPages?.[options.network] : undefined;
  const maxPages = options.maxPages ?? networkPages ?? profile.maxPages;
  const maxBytes = options.maxBytes ?? profile.maxBytes;
  return {
    profile: profile.name,
    ...(maxBytes === undefined ? {} : { maxBytes }),
    ...(maxPages === undefined ? {} : { maxPages }),
    blackAndWhite: profile.blackAndWhite,
    files: profile.files,
  };
}

const SIZE_PATTERN = /^\s*(\d+(?:\.\d+)?)\s*(b|bytes?|kb|kib|mb|mib|gb|gib)?\s*$/i;
const UNIT: Record<string, number> = { b: 1, byte: 1, bytes: 1, kb: 1e3, kib: 1024, mb: 1e6, mib: 1024 ** 2, gb: 1e9, gib: 1024 ** 3 };

/** `4.5MB` → 4 500 000 (KB/MB/GB are decimal, as processors state them; KiB/MiB binary). */
export function parseSize(text: string): number | undefined {
  const m = SIZE_PATTERN.exec(text);
  if (!m) return undefined;
  const bytes = Math.floor(Number(m[1]) * (UNIT[(m[2] ?? 'b').toLowerCase()] ?? Number.NaN));
  return Number.isFinite(bytes) && bytes > 0 ? bytes : undefined;
}

export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${(bytes / MB).toFixed(2)} MB`;
  if (bytes >= 1000) return `${(bytes / 1000).toFixed(1)} KB`;
  return `${bytes} B`;
}
