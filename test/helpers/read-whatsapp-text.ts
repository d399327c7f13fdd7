import { ChatCollector } from '../../src/chat/collect.js';
import type { ChatMessage } from '../../src/evidence/model.js';
import { readWhatsAppText } from '../../src/formats/whatsapp/parse.js';

/** Our WhatsApp reading of an export's text (read in UTC), in the file's order, as other parsers give them. */
export async function readWhatsAppMessages(text: string): Promise<ChatMessage[]> {
  const collector = new ChatCollector({ source: { file: 'chat.txt', sha256: '', bytes: text.length } as never, client: { aliases: [] } });
  const bytes = Buffer.from(text);
  await readWhatsAppText(
    async function* () {
      yield bytes;
    },
    collector,
    { file: 'chat.txt', zone: 'UTC' },
  );
  return [...(collector.finish('WhatsApp').exhibit?.messages ?? [])].sort((a, b) => a.seq - b.seq);
}
