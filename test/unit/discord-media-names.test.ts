import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitRefs } from '../../src/formats/discord/read-csv.js';
import { CHATS, codes, readChatCase } from '../helpers/read-chat-case.js';
import { seeded } from '../helpers/seeded.js';

const FILES = 'discord-media/json/Acme Themes - Support - orders [1180000000000000001].json_Files';

describe('the Attachments cell of a DiscordChatExporter CSV', () => {
  it('splits into the paths it joined with ",", a file name holding a comma kept whole (seeded random names)', () => {
    const random = seeded(40);
    const pick = (chars: string, n: number) => Array.from({ length: n }, () => chars[Math.floor(random() * chars.length)]).join('');
    for (let run = 0; run < 200; run++) {
      const paths = Array.from({ length: 1 + Math.floor(random() * 4) }, (_, i) => {
        const stem = pick('abc ,._-()', 1 + Math.floor(random() * 12)).replace(/^[ ,]+|[ ,]+$/g, '') || `f${i}`;
        return `x.csv_Files/${stem}-${pick('0123456789abcdef', 16)}.png`;
      });
      const names = new Set(paths);
      expect(splitRefs(paths.join(','), names), paths.join(' | ')).toEqual(paths);
    }
  });

  it('without the export’s files (a CSV alone) splits at every ",", and keeps URLs whole', () => {
    const url = 'https://cdn.discordapp.com/attachments/1/2/a.png?ex=1&is=2&hm=3';
    expect(splitRefs(`${url},b.pdf\nc.jpg`)).toEqual([url, 'b.pdf', 'c.jpg']);
    expect(splitRefs('')).toEqual([]);
  });

  it('a downloaded file whose name holds a comma is shown after its message', async () => {
    const pdf = await readFile(join(CHATS, FILES, 'My%20Invoice-9ed780abf6ac6310.pdf'));
    const csv = [
      'AuthorID,Author,Date,Content,Attachments,Reactions',
      '"900","Dana Client","2024-03-14T09:00:00.0000000+00:00","SENTINEL-DC1 invoice","x.csv_Files\\Invoice, March-0123456789abcdef.pdf",""',
      '',
    ].join('\n');
    const { analysis, chats, findings } = await readChatCase({ 'discord/x.csv': csv, 'discord/x.csv_Files/Invoice, March-0123456789abcdef.pdf': pdf });
    expect(chats[0]!.source.format).toBe('discord-media');
    expect(chats[0]!.messages[0]!.attachments).toEqual(['Invoice, March-0123456789abcdef.pdf']);
    expect(analysis.exhibits.filter((e) => e.kind !== 'chat' && e.follows).map((e) => e.source.file)).toEqual([
      'discord/x.csv_Files/Invoice, March-0123456789abcdef.pdf',
    ]);
    expect(codes(findings)).toEqual([]);
  });
});

describe('a shown Discord attachment’s name', () => {
  it('two files of one message sharing their original name are each named by the file on disk, so each points to its own exhibit', async () => {
    const photo = await readFile(join(CHATS, FILES, 'preview-04852b721ed44cd2.png'));
    const attachment = (id: string, disk: string) => ({ id, url: `x.json_Files/${disk}`, fileName: 'image.png', fileSizeBytes: photo.length });
    const json = JSON.stringify({
      guild: { id: '1', name: 'Acme Themes' },
      channel: { id: '2', name: 'orders' },
      messages: [
        {
          id: '1',
          type: 'Default',
          timestamp: '2024-03-14T09:00:00+00:00',
          content: 'SENTINEL-DN1 two pasted screens',
          author: { id: '900', name: 'dana_c', discriminator: '0000', nickname: 'Dana Client' },
          attachments: [attachment('11', 'image-aaaaaaaaaaaaaaaa.png'), attachment('12', 'image-bbbbbbbbbbbbbbbb.png')],
        },
      ],
    });
    const { analysis, chats } = await readChatCase({
      'discord/x.json': json,
      'discord/x.json_Files/image-aaaaaaaaaaaaaaaa.png': photo,
      'discord/x.json_Files/image-bbbbbbbbbbbbbbbb.png': photo,
    });
    expect(chats[0]!.messages[0]!.attachments).toEqual(['image-aaaaaaaaaaaaaaaa.png', 'image-bbbbbbbbbbbbbbbb.png']);
    const shown = analysis.exhibits.filter((e) => e.kind !== 'chat' && e.follows);
    expect(shown.map((e) => e.source.attachment?.name)).toEqual(['image-aaaaaaaaaaaaaaaa.png', 'image-bbbbbbbbbbbbbbbb.png']);
  });
});
