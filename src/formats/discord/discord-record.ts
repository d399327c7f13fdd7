/** A message of a DiscordChatExporter HTML or TXT export, before its time is read. */
export interface DiscordRecord {
  readonly time: string;
  readonly sender: string;
  /** The names the author goes by (nickname, user name), any of which may be the client's. */
  readonly names: readonly string[];
  readonly text: string;
  readonly attachments: readonly string[];
  /** Where each attachment is, as the export writes it (a URL, or with `--media` a path to the downloaded file). */
  readonly files?: readonly string[];
  readonly system: boolean;
  readonly replyTo?: string;
  readonly where: string;
  readonly line?: number;
}

/** What one export holds: its messages, its title, and the count its last lines declare. */
export interface DiscordExport {
  readonly records: DiscordRecord[];
  readonly title?: string;
  readonly declared?: number;
  readonly truncated: boolean;
}
