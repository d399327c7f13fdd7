import { createRequire } from 'node:module';
import type { Party } from '../evidence/model.js';
import { addressInName, lookalikeDifference } from './lookalike.js';

const require = createRequire(import.meta.url);
let re2Module: typeof import('re2js') | undefined;
/** re2js, loaded when a case first uses a `/regex/`. */
const re2 = (): typeof import('re2js') => (re2Module ??= require('re2js') as typeof import('re2js'));

/** A `match:` keyword or `/regex/` of case.yaml, tested against a message's text. */
export interface Matcher {
  readonly test: (text: string) => boolean;
  /** Why a `/regex/` could not be used, when it was matched as plain text instead. */
  readonly problem?: string;
}

/**
 * Plain text matches case-insensitively anywhere; `/…/flags` is a regular expression (always
 * case-insensitive; `s` and `m` as in JavaScript). Expressions run on RE2 (re2js), whose time
 * is linear in the text: a pattern such as `/(a+)+$/` cannot hang on a long message, as it
 * would with a backtracking engine. RE2 has no lookaround and no backreferences; such a
 * pattern, or an invalid one, is matched as plain text, and `problem` says why.
 */
export function matcher(pattern: string): Matcher {
  const regex = /^\/(.+)\/([a-z]*)$/.exec(pattern);
  let problem: string | undefined;
  if (regex) {
    try {
      const { RE2JS } = re2();
      const flags = RE2JS.CASE_INSENSITIVE | (regex[2]!.includes('s') ? RE2JS.DOTALL : 0) | (regex[2]!.includes('m') ? RE2JS.MULTILINE : 0);
      const re = RE2JS.compile(regex[1]!, flags);
      return { test: (text) => re.matcher(text).find() };
    } catch (error) {
      problem = error instanceof Error ? error.message.replace(/^error parsing regexp: /, '') : String(error);
    }
  }
  // Plain text, escaped: a regular expression with no quantifier of the user's is linear, and
  // case-insensitive without lowering every message.
  const plain = new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'iu');
  return { test: (text) => plain.test(text), ...(problem ? { problem } : {}) };
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

  /** Senders already judged: an export names the same few people on every line. */
  private readonly judged = new Map<string, boolean>();

  isClient(sender: string | undefined, email: string | undefined): boolean {
    if (email && this.emails.has(email.trim().toLowerCase())) return true;
    // An address decides: one that only looks like the client's, or a name written as the client's address, is not the client.
    if (email && this.lookalike(sender, email)) return false;
    if (!sender) return false;
    let known = this.judged.get(sender);
    if (known === undefined) {
      if (this.judged.size > 10_000) this.judged.clear();
      this.judged.set(sender, (known = this.senderIsClient(sender)));
    }
    return known;
  }

  private senderIsClient(sender: string): boolean {
    if (this.names.has(normalizeName(sender))) return true;
    // A sender known only by an address (a chat export, no separate email): the address is the sender.
    if (sender.includes('@') && this.emails.has(sender.trim().toLowerCase())) return true;
    const digits = digitsOf(sender);
    return digits.length >= 7 && this.phones.has(digits);
  }

  /**
   * When a sender's address only looks like the client's (examp1e.com, a Cyrillic "а"), or its
   * display name is written as the client's address over another address: the client's address
   * it passes for and how it differs.
   */
  lookalike(sender: string | undefined, email: string): { client: string; difference: string } | undefined {
    const address = email.trim().toLowerCase();
    if (this.emails.has(address)) return undefined;
    const named = addressInName(sender)?.toLowerCase();
    if (named && named !== address) {
      const client = [...this.emails].find((e) => e === named || lookalikeDifference(named, e) !== undefined);
      if (client) return { client, difference: `the display name reads ${named}; the address is ${address}` };
    }
    for (const client of this.emails) {
      const difference = lookalikeDifference(address, client);
      if (difference) return { client, difference };
    }
    return undefined;
  }

  hasEmail(email: string): boolean {
    return this.emails.has(email.trim().toLowerCase());
  }

  /** The sender is called like the client but writes from another address. */
  nameMatches(sender: string | undefined): boolean {
    return sender !== undefined && this.names.has(this.normalized(sender));
  }

  private readonly normalizedNames = new Map<string, string>();
  private normalized(sender: string): string {
    let name = this.normalizedNames.get(sender);
    if (name === undefined) {
      if (this.normalizedNames.size > 10_000) this.normalizedNames.clear();
      this.normalizedNames.set(sender, (name = normalizeName(sender)));
    }
    return name;
  }
}
