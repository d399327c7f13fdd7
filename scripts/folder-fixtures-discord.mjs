// DiscordChatExporter exports with `--media`, for scripts/make-folder-export-fixtures.mjs: the
// export, its `<export file name>_Files/` folder and the names ExportAssetDownloader gives the
// files it downloads (see docs/formats-folders.md).
import { createHash } from 'node:crypto';
import { join } from 'node:path';

/** ExportAssetDownloader's file name: the URL's last part (as escaped in it), cut to 42, "-", 16 hex of its SHA-256 (signature query dropped). */
function assetName(url) {
  const u = new URL(url);
  for (const key of ['ex', 'is', 'hm']) u.searchParams.delete(key);
  const hash = createHash('sha256').update(`${u.origin}${u.pathname}`).digest('hex').slice(0, 16);
  const last = /.+\/([^?]*)/.exec(url)[1];
  const dot = last.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [last.slice(0, dot), last.slice(dot)] : [last, ''];
  return `${stem.slice(0, 42)}-${hash}${ext}`.replace(/[\\/:*?"<>|]/g, '_');
}
/** Url.EncodeFilePath: each segment of the relative path escaped as Uri.EscapeDataString does. */
const encodePath = (path) =>
  path
    .split('/')
    .map((s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
const cdn = (id, name) => `https://cdn.discordapp.com/attachments/1180000000000000001/${id}/${name}?ex=65f3a1b2&is=65e12cb2&hm=0a1b2c3d4e5f`;

const DC_MESSAGES = [
  {
    id: '1218',
    user: 'dana_c',
    nick: 'Dana Client',
    time: '3/14/2024 9:00 AM',
    full: 'Thursday, March 14, 2024 9:00 AM',
    iso: '2024-03-14T09:00:00+00:00',
    text: 'SENTINEL-DM1 the screen that fails',
    files: [['preview.png', 'image']],
  },
  {
    id: '1219',
    user: 'samseller',
    nick: 'Sam Seller',
    time: '3/14/2024 9:05 AM',
    full: 'Thursday, March 14, 2024 9:05 AM',
    iso: '2024-03-14T09:05:00+00:00',
    text: 'SENTINEL-DM2 thanks, fixing it',
    files: [],
  },
  {
    id: '1220',
    user: 'dana_c',
    nick: 'Dana Client',
    time: '3/14/2024 9:30 AM',
    full: 'Thursday, March 14, 2024 9:30 AM',
    iso: '2024-03-14T09:30:00+00:00',
    text: 'SENTINEL-DM3 invoice, a broken photo, one not downloaded',
    files: [
      ['My%20Invoice.pdf', 'file'],
      ['broken.jpg', 'image'],
      ['later.png', 'url'],
    ],
  },
  {
    id: '1221',
    user: 'samseller',
    nick: 'Sam Seller',
    time: '3/14/2024 10:00 AM',
    full: 'Thursday, March 14, 2024 10:00 AM',
    iso: '2024-03-14T10:00:00+00:00',
    text: 'SENTINEL-DM4 a path out of the export',
    files: [['../../secret.png', 'escape']],
  },
];

/** Each attachment's URL, file on disk (under the export's _Files folder) and path as the export writes it. */
function dcFiles(exportName, m, sep = '/') {
  return m.files.map(([name, kind], i) => {
    const url = cdn(`${m.id}00${i}`, name);
    if (kind === 'url') return { name, kind, url, ref: url };
    if (kind === 'escape') return { name: 'secret.png', kind, url, ref: name };
    const disk = `${exportName}_Files/${assetName(url)}`;
    return { name: decodeURIComponent(name), kind, url, disk, ref: disk.replace(/\//g, sep) };
  });
}

function dcHtml(exportName) {
  const messages = DC_MESSAGES.map((m) => {
    const files = dcFiles(exportName, m)
      .map((f) => {
        const href = f.disk ? encodePath(f.ref) : f.ref;
        return f.kind === 'file'
          ? `<div class="chatlog__attachment "><div class="chatlog__attachment-generic"><svg class="chatlog__attachment-generic-icon"><use href="#attachment-icon"/></svg><div class="chatlog__attachment-generic-name"><a href="${href}">${f.name}</a></div><div class="chatlog__attachment-generic-size">1.2 KB</div></div></div>`
          : `<div class="chatlog__attachment "><a href="${href}"><img class="chatlog__attachment-media" src="${href}" alt="Image attachment" title="Image: ${f.name} (48.2 KB)" loading="lazy"></a></div>`;
      })
      .join('\n');
    const avatar = encodePath(`${exportName}_Files/${assetName(`https://cdn.discordapp.com/avatars/1/${m.user}.png?size=512`)}`);
    return `<div class="chatlog__message-group">
<div id="chatlog__message-container-${m.id}" class="chatlog__message-container " data-message-id="${m.id}">
<div class="chatlog__message">
<div class="chatlog__message-aside"><img class="chatlog__avatar" src="${avatar}" alt="Avatar" loading="lazy"></div>
<div class="chatlog__message-primary">
<div class="chatlog__header"><span class="chatlog__author" title="${m.user}" data-user-id="1">${m.nick}</span> <span class="chatlog__timestamp" title="${m.full}"><a href="#chatlog__message-container-${m.id}">${m.time}</a></span></div>
<div class="chatlog__content chatlog__markdown"><span class="chatlog__markdown-preserve"><!--wmm:ignore-->${m.text}<!--/wmm:ignore--></span></div>
${files}
</div>
</div>
</div>
</div>
`;
  }).join('');
  return `<!DOCTYPE html>\n<html lang="en">\n<head>\n<title>Acme Themes - Support - orders</title>\n<meta charset="utf-8">\n</head>\n<body>\n<div class="preamble">\n<div class="preamble__entries-container">\n<div class="preamble__entry">Acme Themes</div>\n<div class="preamble__entry">Support / orders</div>\n</div>\n</div>\n<div class="chatlog">\n${messages}</div>\n<div class="postamble">\n<div class="postamble__entry">Exported ${DC_MESSAGES.length} message(s)</div>\n</div>\n</body>\n</html>\n`;
}

function dcTxt(exportName) {
  const rule = '='.repeat(62);
  let out = `${rule}\nGuild: Acme Themes\nChannel: Support / orders\n${rule}\n\n`;
  for (const m of DC_MESSAGES) {
    out += `[${m.time}] ${m.user}\n${m.text}\n\n`;
    const files = dcFiles(exportName, m);
    if (files.length) out += `{Attachments}\n${files.map((f) => f.ref).join('\n')}\n\n`;
    out += '\n';
  }
  return `${out}${rule}\nExported ${DC_MESSAGES.length} message(s)\n${rule}\n`;
}

function dcJson(exportName) {
  const author = (m) => ({ id: m.user === 'dana_c' ? '900' : '901', name: m.user, discriminator: '0000', nickname: m.nick, isBot: false });
  const messages = DC_MESSAGES.map((m) => ({
    id: m.id,
    type: 'Default',
    timestamp: m.iso,
    timestampEdited: null,
    isPinned: false,
    content: m.text,
    author: author(m),
    // A Windows export: its relative paths use backslashes.
    attachments: dcFiles(exportName, m, '\\').map((f, i) => ({ id: `${m.id}00${i}`, url: f.ref, fileName: f.name, fileSizeBytes: 1234 })),
    embeds: [],
    stickers: [],
    reactions: [],
    mentions: [],
  }));
  const doc = {
    guild: { id: '1', name: 'Acme Themes' },
    channel: { id: '1180000000000000001', type: 'GuildTextChat', category: 'Support', name: 'orders' },
    dateRange: { after: null, before: null },
    messages,
    messageCount: messages.length,
  };
  return JSON.stringify(doc, null, 2);
}

/** CsvMessageWriter: every cell quoted, the time as .NET's "o" (7 fractional digits), attachments joined by ",". */
function dcCsv(exportName) {
  const cell = (v) => `"${v.replace(/"/g, '""')}"`;
  const rows = DC_MESSAGES.map((m) =>
    [
      m.user === 'dana_c' ? '900' : '901',
      m.user,
      m.iso.replace(/:00\+/, ':00.0000000+'),
      m.text,
      dcFiles(exportName, m)
        .map((f) => f.ref)
        .join(','),
      '',
    ]
      .map(cell)
      .join(','),
  );
  return `AuthorID,Author,Date,Content,Attachments,Reactions\n${rows.join('\n')}\n`;
}

export async function discordExports(files, { put, truncated, chats, casedir }) {
  const stem = 'Acme Themes - Support - orders [1180000000000000001]';
  const bytesFor = (f) => (f.kind === 'file' ? files.invoice : f.name === 'broken.jpg' ? truncated(files.jpeg) : files.discordPhoto);
  for (const [dir, ext, write] of [
    [join(chats, 'discord-media', 'html'), 'html', dcHtml],
    [join(chats, 'discord-media', 'txt'), 'txt', dcTxt],
    [join(chats, 'discord-media', 'json'), 'json', dcJson],
    [join(chats, 'discord-media', 'csv'), 'csv', dcCsv],
    [join(casedir, 'discord'), 'html', dcHtml],
  ]) {
    const exportName = `${stem}.${ext}`;
    await put(join(dir, exportName), write(exportName));
    for (const m of DC_MESSAGES) for (const f of dcFiles(exportName, m)) if (f.disk && f.kind !== 'url') await put(join(dir, f.disk), bytesFor(f));
    for (const user of ['dana_c', 'samseller'])
      await put(join(dir, `${exportName}_Files`, assetName(`https://cdn.discordapp.com/avatars/1/${user}.png?size=512`)), files.avatar);
  }
  // Other evidence beside the export stays a file of its own.
  await put(join(chats, 'discord-media', 'html', 'notes.txt'), 'Call with Dana on 14 March: she confirmed the fix.\n');
}
