import type { DateFact, Party, SourceFile } from '../evidence/model.js';
import type { ManifestItem } from '../evidence/manifest-schema.js';

/** A message as an adapter reads it, before selection and annotation. */
export interface RawMessage {
  readonly date: DateFact;
  readonly sender?: string;
  readonly senderEmail?: string;
  /** Other names the sender goes by in the export (a Discord nickname, user name, display name): any of them may be the client's. */
  readonly senderNames?: readonly string[];
  /** The sender's account id, when the export gives one: the client is one account, however many share a name. */
  readonly senderId?: string;
  readonly text: string;
  readonly attachments?: readonly string[];
  readonly system?: boolean;
  readonly where: string;
  /** 1-based line in the source file, when the format has lines. */
  readonly line?: number;
  readonly conversation?: string;
  readonly subject?: string;
  readonly inReplyTo?: string;
  /** Whom the message was sent to (an email's To and Cc): the client there means they are in the conversation. */
  readonly recipients?: readonly { readonly name?: string; readonly email?: string }[];
}

export interface CollectContext {
  readonly source: SourceFile;
  readonly item?: ManifestItem;
  readonly client?: Party;
  readonly timezone?: string;
}
