import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { seeded } from './card-corpus.js';
import { danaCaseYaml } from './dana-case-yaml.js';

const WORDS =
  'the order files theme logo delivered arrived approved invoice payment refund client site live thanks update draft review change colour font page header footer'.split(
    ' ',
  );

/**
 * A case of `chats` WhatsApp exports (Android, 24 h, day first), one a day from 13 March 2024
 * so no date is ambiguous, each of `messages` messages of seeded random length: each file is
 * one exhibit of about a page. With a reason, so the packet has a cover letter. The same
 * seed writes the same bytes.
 */
export async function writeChatCase(dir: string, options: { chats: number; messages: number; seed: number }): Promise<void> {
  const random = seeded(options.seed);
  for (let f = 0; f < options.chats; f++) {
    const day = new Date(Date.UTC(2024, 2, 13 + f));
    const date = `${String(day.getUTCDate()).padStart(2, '0')}/${String(day.getUTCMonth() + 1).padStart(2, '0')}/${day.getUTCFullYear()}`;
    const lines = Array.from({ length: options.messages }, (_, m) => {
      const text = Array.from({ length: 6 + Math.floor(random() * 25) }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
      const time = `${String(9 + Math.floor(m / 6)).padStart(2, '0')}:${String((m % 6) * 9).padStart(2, '0')}`;
      return `${date}, ${time} - ${m % 2 === 0 ? 'Dana Client' : 'Sam Seller'}: ${text}`;
    });
    await writeFile(join(dir, `chat-${String(f + 1).padStart(2, '0')}.txt`), `${lines.join('\n')}\n`);
  }
  await writeFile(
    join(dir, 'case.yaml'),
    danaCaseYaml(
      { case: `dp_front_${options.chats}`, profile: 'generic', reason: 'product_unacceptable', amount: '499.00' },
      {
        extra: `summary: |
  The client approved the finished theme on 14 March and is using it live. She asked for three rounds of changes, each delivered on time, and confirmed in writing that the final files work on her site.
`,
      },
    ),
  );
}
