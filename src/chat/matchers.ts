import type { Party } from '../evidence/model.js';

/** A `match:` keyword or `/regex/` of case.yaml, tested against a message's text. */
export interface Matcher {
  readonly test: (text: string) => boolean;
}

/** Plain text matches case-insensitively anywhere; `/…/flags` is a regular expression (always case-insensitive). */
export function matcher(pattern: string): Matcher {
  const regex = /^\/(.+)\/([a-z]*)$/.exec(pattern);
  if (regex) {
    try {
      const re = new RegExp(regex[1]!, regex[2]!.includes('i') ? regex[2] : `${regex[2]}i`);
      return { test: (text) => re.test(text) };
    } catch {
      // Not a valid regular expression: match it as plain text.
    }
  }
  const needle = pattern.toLowerCase();
  return { test: (text) => text.toLowerCase().includes(needle) };
}

/** Names as people write them: case, spacing, WhatsApp's `~` and direction marks ignored. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/^~\s*/, '')
    .replace(/^["']|["']$/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

/** Recognises the client's messages by name, alias, phone number or email. */
export class ClientMatcher {
  private readonly names = new Set<string>();
  private readonly emails = new Set<string>();
  private readonly phones = new Set<string>();
  readonly known: boolean;

  constructor(client: Party | undefined) {
    const add = (value: string | undefined) => {
      if (!value) return;
      if (value.includes('@')) this.emails.add(value.trim().toLowerCase());
      else {
        this.names.add(normalizeName(value));
        const digits = digitsOf(value);
        if (digits.length >= 7 && digits.length >= value.replace(/\s/g, '').length - 2) this.phones.add(digits);
      }
    };
    add(client?.name?.value);
    add(client?.email?.value);
    for (const alias of client?.aliases ?? []) add(alias);
    this.known = this.names.size + this.emails.size + this.phones.size > 0;
  }

  isClient(sender: string | undefined, email: string | undefined): boolean {
    if (email && this.emails.has(email.trim().toLowerCase())) return true;
    if (!sender) return false;
    if (this.names.has(normalizeName(sender))) return true;
    if (sender.includes('@') && this.emails.has(sender.trim().toLowerCase())) return true;
    const digits = digitsOf(sender);
    return digits.length >= 7 && this.phones.has(digits);
  }

  hasEmail(email: string): boolean {
    return this.emails.has(email.trim().toLowerCase());
  }

  /** The sender is called like the client but writes from another address. */
  nameMatches(sender: string | undefined): boolean {
    return sender !== undefined && this.names.has(normalizeName(sender));
  }
}
