// Writes our own HTML/TXT chat exports in the shapes their tools write (see docs/formats-chat-html.md):
// Telegram Desktop HTML (export_output_html.cpp), DiscordChatExporter HTML and TXT
// (MessageGroupTemplate.cshtml, PlainTextMessageWriter.cs), Facebook/Instagram "Download your
// information" HTML (three generations of its markup). Each has a damaged twin.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { escapeHtml, TELEGRAM_TAIL, telegramHead, telegramPageLink } from './lib/telegram-html.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'chats');

async function put(path, content) {
  await mkdir(dirname(join(ROOT, path)), { recursive: true });
  await writeFile(join(ROOT, path), content);
}

const esc = escapeHtml;

async function photo(label, width = 320, height = 200) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#f4f4f4"/><text x="20" y="${height / 2}" font-size="28" font-family="sans-serif">${label}</text></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}

// ---- Telegram Desktop HTML ------------------------------------------------------------
const tgHead = telegramHead;
const tgTail = TELEGRAM_TAIL;
const tgDay = (id, text) => `     <div class="message service" id="message-${id}">
      <div class="body details">
${text}
      </div>
     </div>
`;
const tgService = (id, html) => `     <div class="message service" id="message${id}">
      <div class="body details">
${html}
      </div>
     </div>
`;
/** m: {id, title, time, from?, text?, reply?, forwarded?: {from, title}, photo?, file?: {title, description, status}} */
function tgMessage(m) {
  const joined = m.from === undefined;
  let out = `     <div class="message default clearfix${joined ? ' joined' : ''}" id="message${m.id}">\n`;
  if (!joined)
    out += `      <div class="pull_left userpic_wrap">\n       <div class="userpic userpic${(m.id % 8) + 1}" style="width: 42px; height: 42px">\n        <div class="initials" style="line-height: 42px">\n${esc(
      m.from
        .split(' ')
        .map((w) => w[0])
        .join(''),
    )}\n        </div>\n       </div>\n      </div>\n`;
  out += `      <div class="body">\n       <div class="pull_right date details" title="${m.title}">\n${m.time}\n       </div>\n`;
  if (!joined) out += `       <div class="from_name">\n${esc(m.from)}\n       </div>\n`;
  let inner = '';
  if (m.reply)
    inner += `       <div class="reply_to details">\nIn reply to <a href="#go_to_message${m.reply}" onclick="return GoToMessage(${m.reply})">this message</a>\n       </div>\n`;
  if (m.sticker)
    inner += `       <div class="media_wrap clearfix">\n        <a class="sticker_wrap clearfix pull_left" href="${m.sticker}">\n         <img class="sticker" src="${m.sticker}_thumb.jpg" style="width: 192px; height: 192px"/>\n        </a>\n       </div>\n`;
  if (m.photo)
    inner += `       <div class="media_wrap clearfix">\n        <a class="photo_wrap clearfix pull_left" href="${m.photo}">\n         <img class="photo" src="${m.photo.replace('.jpg', '_thumb.jpg')}" style="width: 260px; height: 162px"/>\n        </a>\n       </div>\n`;
  if (m.file)
    inner += `       <div class="media_wrap clearfix">\n        <div class="media clearfix pull_left media_file">\n         <div class="fill pull_left">\n         </div>\n         <div class="body">\n          <div class="title bold">\n${esc(m.file.title)}\n          </div>\n          <div class="description">\n${esc(m.file.description)}\n          </div>\n          <div class="status details">\n${esc(m.file.status)}\n          </div>\n         </div>\n        </div>\n       </div>\n`;
  if (m.text) inner += `       <div class="text">\n${esc(m.text)}${m.link ? ` <a href="${m.link.href}">${esc(m.link.text)}</a>` : ''}\n       </div>\n`;
  if (m.forwarded) {
    out += `       <div class="pull_left forwarded userpic_wrap">\n        <div class="userpic userpic3" style="width: 42px; height: 42px">\n         <div class="initials" style="line-height: 42px">\nB\n         </div>\n        </div>\n       </div>\n       <div class="forwarded body">\n        <div class="from_name">\n${esc(m.forwarded.from)} <span class="date details" title="${m.forwarded.title}"> ${m.forwarded.title.slice(0, 16)}</span>\n        </div>\n${inner}       </div>\n`;
  } else out += inner;
  return `${out}      </div>\n     </div>\n`;
}

async function telegram() {
  const dir = 'telegram-html/ChatExport_2024-03-14';
  const page1 =
    tgHead('Dana Client') +
    tgDay(1, '14 March 2024') +
    tgMessage({
      id: 101,
      title: '14.03.2024 10:00:00 UTC+03:00',
      time: '10:00',
      from: 'Sam Seller',
      text: 'SENTINEL-TG1 Hello Dana, the theme is ready. See',
      link: { href: 'https://acme.example/terms', text: 'our terms' },
    }) +
    tgMessage({
      id: 102,
      title: '14.03.2024 10:05:30 UTC+03:00',
      time: '10:05',
      photo: 'photos/photo_1@14-03-2024_10-05-30.jpg',
      text: 'SENTINEL-TG2 Here is the preview',
    }) +
    tgService(103, 'Sam Seller pinned <a href="#go_to_message102" onclick="return GoToMessage(102)">this message</a>') +
    tgMessage({
      id: 104,
      title: '14.03.2024 11:10:00 UTC+03:00',
      time: '11:10',
      from: 'Dana Client',
      reply: 102,
      text: 'SENTINEL-TG3 Approved, it works & looks great.\nMy card 4111 1111 1111 1111 was charged.',
    }) +
    tgMessage({
      id: 105,
      title: '14.03.2024 11:12:00 UTC+03:00',
      time: '11:12',
      from: 'Dana Client',
      forwarded: { from: 'Bank Notice', title: '13.03.2024 09:00:00 UTC+03:00' },
      text: 'SENTINEL-TG4 Payment received',
    }) +
    telegramPageLink('messages2.html', 'Next messages') +
    tgTail;
  const page2 =
    tgHead('Dana Client') +
    telegramPageLink('messages.html', 'Previous messages') +
    tgDay(2, '15 March 2024') +
    tgMessage({
      id: 106,
      title: '15.03.2024 09:00:00 UTC+03:00',
      time: '09:00',
      from: 'Sam Seller',
      file: { title: 'invoice.pdf', description: 'Not included, change data exporting settings to download.', status: '42.1 KB' },
      text: 'SENTINEL-TG5 Invoice attached',
    }) +
    tgMessage({ id: 107, title: '15.03.2024 09:30:00 UTC+03:00', time: '09:30', from: 'Dana Client', text: 'SENTINEL-TG6 Thanks, all good\nsecond line' }) +
    tgTail;
  await put(`${dir}/messages.html`, page1);
  await put(`${dir}/messages2.html`, page2);
  await put(`${dir}/css/style.css`, '.page_wrap { background-color: #ffffff; }\n');
  await put(`${dir}/js/script.js`, 'function CheckLocation() { return true; }\n');
  await put(`${dir}/photos/photo_1@14-03-2024_10-05-30.jpg`, await photo('PREVIEW'));
  await put(`${dir}/photos/photo_1@14-03-2024_10-05-30_thumb.jpg`, await photo('thumb', 160, 100));
  // "Export Telegram data": the account's summary page, its lists, and each chat under chats/chat_NN/.
  const account = 'telegram-html/DataExport_2024-03-20';
  await put(
    `${account}/export_results.html`,
    tgHead('Exported Data').replace('<div class="page_body chat_page">\n    <div class="history">', '<div class="page_body">\n    <div class="sections">') +
      '     <a class="section block_link chats" href="lists/chats.html#allow_back">\n      <div class="counter details">\n2\n      </div>\n      <div class="label bold">\nChats\n      </div>\n     </a>\n' +
      tgTail,
  );
  await put(`${account}/lists/chats.html`, tgHead('Chats', '../').replace('chat_page', 'list_page') + tgTail);
  await put(`${account}/css/style.css`, '.page_wrap { background-color: #ffffff; }\n');
  await put(`${account}/js/script.js`, 'function CheckLocation() { return true; }\n');
  await put(
    `${account}/images/back.png`,
    await sharp({ create: { width: 24, height: 24, channels: 3, background: '#888888' } })
      .png()
      .toBuffer(),
  );
  await put(
    `${account}/chats/chat_01/messages.html`,
    tgHead('Dana Client', '../../') +
      tgDay(1, '14 March 2024') +
      tgMessage({ id: 1, title: '14.03.2024 10:00:00 UTC+00:00', time: '10:00', from: 'Dana Client', text: 'SENTINEL-TA1 is it ready?' }) +
      tgMessage({
        id: 2,
        title: '14.03.2024 11:00:00 UTC+00:00',
        time: '11:00',
        from: 'Sam Seller',
        photo: 'photos/photo_2@14-03-2024_11-00-00.jpg',
        text: 'SENTINEL-TA2 yes, see the photo',
      }) +
      tgTail,
  );
  await put(`${account}/chats/chat_01/photos/photo_2@14-03-2024_11-00-00.jpg`, await photo('ACCOUNT'));
  await put(
    `${account}/chats/chat_02/messages.html`,
    tgHead('Print Shop', '../../') +
      tgMessage({ id: 5, title: '14.03.2024 10:30:00 UTC+00:00', time: '10:30', from: 'Print Shop', text: 'SENTINEL-TA3 your order shipped' }) +
      tgMessage({ id: 6, title: '14.03.2024 10:31:00 UTC+00:00', time: '10:31', sticker: 'stickers/sticker.webp' }) +
      tgTail,
  );
  await put(
    `${account}/chats/chat_02/stickers/sticker.webp`,
    await sharp({ create: { width: 256, height: 256, channels: 4, background: '#ffcc00' } })
      .webp()
      .toBuffer(),
  );
  // Older tdesktop: times without their offset (the exporting computer's local time); one page alone.
  await put(
    'telegram-html/old-no-offset.html',
    tgHead('Dana Client') +
      tgDay(1, '14 March 2024') +
      tgMessage({ id: 1, title: '14.03.2024 10:00:00', time: '10:00', from: 'Sam Seller', text: 'SENTINEL-TO1 hello' }) +
      tgMessage({ id: 2, title: '14.03.2024 10:01:00', time: '10:01', text: 'SENTINEL-TO2 joined' }) +
      tgTail,
  );
  // Shapes export_output_html.cpp writes besides plain text (pushMessage, pushGenericMedia, pushPoll):
  // via a bot, a forward and the joined forward after it (no name), a reply to another chat, a call,
  // a poll, a location, a channel signature, a voice message not downloaded.
  const raw = (id, title, inner, joined = false) =>
    `     <div class="message default clearfix${joined ? ' joined' : ''}" id="message${id}">\n      <div class="body">\n       <div class="pull_right date details" title="${title}">\n${title.slice(11, 16)}\n       </div>\n${inner}      </div>\n     </div>\n`;
  const name = (n) => `       <div class="from_name">\n${n}\n       </div>\n`;
  const text = (t) => `       <div class="text">\n${esc(t)}\n       </div>\n`;
  const generic = (cls, title, status, href, description = '') =>
    `       <div class="media_wrap clearfix">\n        <${href ? `a class="media clearfix pull_left block_link ${cls}" href="${href}"` : `div class="media clearfix pull_left ${cls}"`}>\n         <div class="fill pull_left">\n         </div>\n         <div class="body">\n          <div class="title bold">\n${title}\n          </div>\n${description ? `          <div class="description">\n${description}\n          </div>\n` : ''}          <div class="status details">\n${status}\n          </div>\n         </div>\n        </${href ? 'a' : 'div'}>\n       </div>\n`;
  const fwd = (from, inner) =>
    `       <div class="forwarded body">\n${from ? `        <div class="from_name">\n${from} <span class="date details" title="13.03.2024 09:00:00 UTC+00:00"> 13.03.2024 09:00:00</span>\n        </div>\n` : ''}${inner}       </div>\n`;
  await put(
    'telegram-html/shapes/messages.html',
    tgHead('Dana Client') +
      tgDay(1, '14 March 2024') +
      raw(201, '14.03.2024 10:00:00 UTC+00:00', name('Sam Seller via @shopbot') + text('SENTINEL-TS1 your order')) +
      raw(202, '14.03.2024 10:01:00 UTC+00:00', name('Sam Seller') + fwd('Bank Notice', text('SENTINEL-TS2 payment received'))) +
      raw(203, '14.03.2024 10:01:00 UTC+00:00', fwd('', text('SENTINEL-TS3 receipt attached')), true) +
      raw(
        204,
        '14.03.2024 10:30:00 UTC+00:00',
        name('Dana Client') + '       <div class="reply_to details">\nIn reply to a message in another chat\n       </div>\n' + text('SENTINEL-TS4 got it'),
      ) +
      raw(205, '14.03.2024 10:31:00 UTC+00:00', generic('media_call success', 'Dana Client', 'Outgoing (34 seconds)', ''), true) +
      raw(
        206,
        '14.03.2024 11:00:00 UTC+00:00',
        name('Sam Seller') +
          '       <div class="media_wrap clearfix">\n        <div class="media_poll">\n         <div class="question bold">\nSENTINEL-TS6 Which colour?\n         </div>\n         <div class="details">\nAnonymous poll\n         </div>\n         <div class="answer">\n- Blue <span class="details">1 vote</span>\n         </div>\n         <div class="total details\t">\n1 vote\n         </div>\n        </div>\n       </div>\n',
      ) +
      raw(
        207,
        '14.03.2024 11:02:00 UTC+00:00',
        generic('media_location', 'Location', '51.5, -0.12', 'https://maps.google.com/maps?q=51.5,-0.12&amp;ll=51.5,-0.12&amp;z=16'),
        true,
      ) +
      raw(208, '14.03.2024 11:03:00 UTC+00:00', text('SENTINEL-TS8 shipped today') + '       <div class="signature details">\nSam\n       </div>\n', true) +
      raw(
        209,
        '14.03.2024 12:00:00 UTC+00:00',
        name('Dana Client') + generic('media_voice_message', 'Voice message', '0:05, 12.0 KB', '', 'Not included, change data exporting settings to download.'),
      ) +
      tgTail,
  );
  // Damaged: the page is cut short inside its third message; the second's time is garbled.
  const cut =
    tgHead('Dana Client') +
    tgMessage({ id: 1, title: '14.03.2024 10:00:00 UTC+00:00', time: '10:00', from: 'Sam Seller', text: 'SENTINEL-TD1 first' }) +
    tgMessage({ id: 2, title: '14.03.2024 1?:01:00 UTC+00:00', time: '10:01', text: 'garbled time' }) +
    tgMessage({ id: 3, title: '14.03.2024 10:02:00 UTC+00:00', time: '10:02', from: 'Dana Client', text: 'SENTINEL-TD2 last whole line' });
  await put('telegram-html/cut-short/messages.html', cut.slice(0, cut.lastIndexOf('</div>') - 40));
  await put('telegram-html/cut-short/css/style.css', '.page_wrap { }\n');
  await put('telegram-html/cut-short/js/script.js', 'function CheckLocation() { return true; }\n');
}

// ---- DiscordChatExporter HTML and TXT ---------------------------------------------------
const dcMsg = (m) => `<div id="chatlog__message-container-${m.id}" class="chatlog__message-container " data-message-id="${m.id}">
<div class="chatlog__message">
${
  m.system
    ? `<div class="chatlog__message-aside"><svg class="chatlog__system-notification-icon"><use href="#pin-icon"></use></svg></div>
<div class="chatlog__message-primary"><span class="chatlog__system-notification-author" title="${m.user}" data-user-id="1">${esc(m.nick)}</span> <span> </span> <span class="chatlog__system-notification-content"><span>pinned </span><a class="chatlog__system-notification-link" href="#chatlog__message-container-2">a message</a><span> to this channel.</span></span> <span class="chatlog__system-notification-timestamp"><a href="#chatlog__message-container-${m.id}">${m.time}</a></span></div>`
    : `<div class="chatlog__message-aside">${m.first ? `${m.reply ? '<div class="chatlog__reply-symbol"></div>' : ''}<img class="chatlog__avatar" src="https://cdn.discordapp.com/avatars/1/a.png" alt="Avatar" loading="lazy">` : `<div class="chatlog__short-timestamp" title="${fullForm(m.time)}">${m.time.split(' ').slice(1).join(' ')}</div>`}</div>
<div class="chatlog__message-primary">
${m.reply ? `<div class="chatlog__reply"><img class="chatlog__reply-avatar" src="https://cdn.discordapp.com/avatars/1/a.png" alt="Avatar" loading="lazy"><div class="chatlog__reply-author" title="samseller">Sam Seller</div><div class="chatlog__reply-content"><span class="chatlog__reply-link" onclick="scrollToMessage(event, '2')"><em>Click to see attachment</em> <span>🖼️</span></span></div></div>` : ''}
${m.first ? `<div class="chatlog__header"><span class="chatlog__author" title="${m.user}" data-user-id="1">${esc(m.nick)}</span> <span class="chatlog__timestamp" title="${fullForm(m.time)}"><a href="#chatlog__message-container-${m.id}">${m.time}</a></span></div>` : ''}
${m.text ? `<div class="chatlog__content chatlog__markdown"><span class="chatlog__markdown-preserve"><!--wmm:ignore-->${esc(m.text).replace(/<br>/g, '\n')}${m.emoji ? ` <img loading="lazy" class="chatlog__emoji " alt="${m.emoji}" title="tada" src="https://cdn.jsdelivr.net/gh/twitter/twemoji@latest/assets/svg/1f389.svg">` : ''}<!--/wmm:ignore--></span>${m.edited ? ` <span class="chatlog__edited-timestamp" title="${m.edited}">(edited)</span>` : ''}</div>` : ''}
${m.forward ? `<div class="chatlog__forwarded"><div class="chatlog__forwarded-header"><svg class="chatlog__forwarded-icon"><use href="#forward-icon"></use></svg><em>Forwarded</em></div><div class="chatlog__forwarded-content chatlog__markdown"><span class="chatlog__markdown-preserve"><!--wmm:ignore-->${m.forward.text}<!--/wmm:ignore--></span></div><div class="chatlog__forwarded-attachments"><div class="chatlog__attachment-generic"><svg class="chatlog__attachment-generic-icon"><use href="#attachment-icon"/></svg><div class="chatlog__attachment-generic-name"><a href="https://cdn.discordapp.com/attachments/1/3/${m.forward.file}">${m.forward.file}</a></div><div class="chatlog__attachment-generic-size">42 KB</div></div></div><div class="chatlog__forwarded-timestamp"><span title="${fullForm(m.forward.time)}">Originally sent: ${m.forward.time}</span></div></div>` : ''}
${m.image ? `<div class="chatlog__attachment "><a href="https://cdn.discordapp.com/attachments/1/2/${m.image}"><img class="chatlog__attachment-media" src="https://cdn.discordapp.com/attachments/1/2/${m.image}" alt="Image attachment" title="Image: ${m.image} (48.2 KB)" loading="lazy"></a></div>` : ''}
${m.embed ? `<div class="chatlog__embed"><div class="chatlog__embed-color-pill chatlog__embed-color-pill--default"></div><div class="chatlog__embed-content-container"><div class="chatlog__embed-content"><div class="chatlog__embed-text"><div class="chatlog__embed-title"><div class="chatlog__markdown chatlog__markdown-preserve"><!--wmm:ignore-->${m.embed.title}<!--/wmm:ignore--></div></div><div class="chatlog__embed-description"><div class="chatlog__markdown chatlog__markdown-preserve"><!--wmm:ignore-->${m.embed.description}<!--/wmm:ignore--></div></div></div></div></div></div>` : ''}
</div>`
}
</div>
</div>
`;
/** .NET's "f" in en-US, which current versions put in the timestamps' title: "Thursday, March 14, 2024 9:00 AM". */
function fullForm(g) {
  const [, mo, d, y, h, mi, half] = /^(\d+)\/(\d+)\/(\d+) (\d+):(\d+) (AM|PM)$/.exec(g);
  const date = new Date(Date.UTC(+y, +mo - 1, +d));
  return `${date.toLocaleDateString('en-US', { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' })} ${h}:${mi} ${half}`;
}
const dcGroup = (...messages) => `<div class="chatlog__message-group">\n${messages.join('')}</div>\n`;

const DC = [
  { id: 1, first: true, user: 'samseller', nick: 'Sam Seller', time: '3/14/2024 9:00 AM', text: 'SENTINEL-DC1 Your order is ready' },
  {
    id: 2,
    user: 'samseller',
    nick: 'Sam Seller',
    time: '3/14/2024 9:01 AM',
    text: 'Here is the preview',
    image: 'preview.png',
    embed: { title: 'Order #1042', description: 'SENTINEL-DC2 embed text' },
  },
  {
    id: 3,
    first: true,
    reply: true,
    user: 'dana_c',
    nick: 'Dana Client',
    time: '3/14/2024 9:45 AM',
    text: 'SENTINEL-DC3 Got it,\nthanks',
    edited: '3/14/2024 10:00 AM',
  },
  { id: 4, system: true, user: 'samseller', nick: 'Sam Seller', time: '3/14/2024 10:05 AM' },
  {
    id: 5,
    first: true,
    user: 'dana_c',
    nick: 'Dana Client',
    time: '3/15/2024 1:30 PM',
    text: 'SENTINEL-DC4 All working',
    emoji: '🎉',
    forward: { text: 'Invoice #1042 paid', file: 'invoice.pdf', time: '3/13/2024 8:00 AM' },
  },
];

function discordHtml(groups, count) {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<title>Acme Themes - orders</title>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width">
<style>.chatlog { padding: 1rem 0; }</style>
</head>
<body>
<div class="preamble">
<div class="preamble__guild-icon-container"><img class="preamble__guild-icon" src="https://cdn.discordapp.com/icons/1/a.png" alt="Guild icon" loading="lazy"></div>
<div class="preamble__entries-container">
<div class="preamble__entry">Acme Themes</div>
<div class="preamble__entry">Support / orders</div>
</div>
</div>
<div class="chatlog">
${groups.join('')}</div>
<div class="postamble">
<div class="postamble__entry">Exported ${count} message(s)</div>
</div>
</body>
</html>
`;
}

function discordTxt(messages, closing = true) {
  const rule = '='.repeat(62);
  let out = `${rule}\nGuild: Acme Themes\nChannel: Support / orders\n${rule}\n\n`;
  for (const m of messages) {
    out += `[${m.time}] ${m.user}${m.id === 2 ? ' (pinned)' : ''}\n${m.system ? 'Pinned a message.' : m.text}\n\n`;
    if (m.forward)
      out += `{Forwarded Message}\n${m.forward.text}\nOriginally sent: ${m.forward.time}\n{Attachments}\nhttps://cdn.discordapp.com/attachments/1/3/${m.forward.file}\n\n\n`;
    if (m.image) out += `{Attachments}\nhttps://cdn.discordapp.com/attachments/1/2/${m.image}\n\n`;
    if (m.embed) out += `{Embed}\n${m.embed.title}\n${m.embed.description}\n\n`;
    if (m.id === 5) out += '{Reactions}\n👍 (2)\n';
    out += '\n';
  }
  if (closing) out += `${rule}\nExported ${messages.length} message(s)\n${rule}\n`;
  return out;
}

// DiscordChatExporter 2.28–2.33: the group's header in chatlog__messages, each message's time in its title,
// dates in its then default "dd-MMM-yy hh:mm tt".
const dcOldGroup = (user, nick, messages) => `<div class="chatlog__message-group">
<div class="chatlog__author-avatar-container"><img class="chatlog__author-avatar" src="https://cdn.discordapp.com/avatars/1/a.png" alt="Avatar"></div>
<div class="chatlog__messages">
<span class="chatlog__author-name" title="${user}" data-user-id="1">${nick}</span>
<span class="chatlog__timestamp">${messages[0].time}</span>
${messages
  .map(
    (m) => `<div class="chatlog__message " data-message-id="${m.id}" id="message-${m.id}" title="Message sent: ${m.time}">
<div class="chatlog__content"><div class="markdown"><span class="preserve-whitespace">${esc(m.text)}</span>${m.edited ? ` <span class="chatlog__edited-timestamp" title="${m.edited}">(edited)</span>` : ''}</div></div>
${m.file ? `<div class="chatlog__attachment"><a href="https://cdn.discordapp.com/attachments/1/2/${m.file}"><div class="chatlog__attachment-container"><div class="chatlog__attachment-filename">${m.file}</div><div class="chatlog__attachment-filesize">12 KB</div></div></a></div>` : ''}
</div>`,
  )
  .join('\n')}
</div>
</div>
`;

async function discord() {
  await put(
    'discord/export-2.30.html',
    discordHtml(
      [
        dcOldGroup('samseller#1234', 'Sam Seller', [
          { id: 11, time: '14-Mar-24 09:00 AM', text: 'SENTINEL-DO1 invoice below' },
          { id: 12, time: '14-Mar-24 09:02 AM', text: 'SENTINEL-DO2 here', file: 'invoice.pdf' },
        ]),
        dcOldGroup('dana_c#0001', 'Dana Client', [{ id: 13, time: '15-Mar-24 01:30 PM', text: 'SENTINEL-DO3 thanks', edited: '15-Mar-24 01:31 PM' }]),
      ],
      3,
    ),
  );
  const groups = [dcGroup(dcMsg(DC[0]), dcMsg(DC[1])), dcGroup(dcMsg(DC[2])), dcGroup(dcMsg(DC[3])), dcGroup(dcMsg(DC[4]))];
  await put('discord/export.html', discordHtml(groups, 5));
  await put('discord/export.txt', discordTxt(DC));
  // Damaged: the HTML says 6 messages but holds 5 (one group lost); the TXT is cut short.
  await put('discord/export-damaged.html', discordHtml(groups, 6));
  const txt = discordTxt(DC, false);
  await put('discord/export-cut.txt', txt.slice(0, txt.indexOf('SENTINEL-DC4') + 'SENTINEL-DC4'.length));
}

// ---- Facebook / Instagram "Download your information" HTML --------------------------------
// Since 2023 each file says when and for which period it was made, each instant both in UTC and on the requester's clock.
const FB_STAMPS =
  '<aside role="contentinfo" class="_aoaa">Generated by Dana Client on <time datetime="2024-03-20T09:10Z">Wednesday, March 20, 2024 at 10:10 AM UTC+01:00</time><div>Contains data you requested from <time datetime="2023-03-19T23:00Z">March 20, 2023 at 12:00 AM</time> to <time datetime="2024-03-19T23:00Z">March 20, 2024 at 12:00 AM</time></div></aside>';
const fbPage = (title, body, stamps = '') =>
  `<html><head><meta charset="utf-8" /><title>${title}</title><style>._a6-g { margin: 4px }</style></head><body class="_5vb_ _2yq _a7o5"><div class="clearfix _ikh"><div class="_4bl9"><div class="_li"><div class="_a705"><div class="_3-8y _3-95 _a70a"><div class="_a70d"><div class="_a70e">${title}</div><div class="_a70f">Participants: Dana Client and Sám Seller</div></div></div><div class="_a706" role="main">${body}</div>${stamps}</div></div></div></div></body></html>`;
// 2024 on: sender, content, time in a footer's _a72d.
const fb2024 = (m) =>
  `<div class="_3-95 _a6-g"><div class="_2ph_ _a6-h _a6-i">${m.from}</div><div class="_2ph_ _a6-p"><div><div></div><div>${esc(m.text)}</div><div>${(m.photos ?? []).map((p) => `<a href="${p}"><img src="${p}" class="_a6_o _3-96" /></a>`).join('')}</div><div></div></div>${m.reaction ? `<ul class="_a6-q"><li><span>${m.reaction}</span></li></ul>` : ''}</div><div class="_3-94 _a6-o"><div class="_a72d">${m.time}</div></div></div>`;
// 2022–23: the "pam … uiBoxWhite" box, an h2 sender, the time straight in _a6-o.
// A shared link's preview repeats the message's text and link in the third part.
const fb2022 = (m) =>
  `<div class="pam _3-95 _2ph- _a6-g uiBoxWhite noborder"><h2 class="_3-95 _2pim _a6-h _a6-i">${m.from}</h2><div class="_3-95 _a6-p"><div><div></div><div>${esc(m.text)}${m.share ? `<br /><a target="_blank" href="${m.share}">${m.share}</a>` : ''}</div><div>${m.share ? `<div><div>${esc(m.text)}\n${m.share}</div><div><a target="_blank" href="${m.share}">${m.share}</a></div></div>` : ''}</div><div></div></div></div><div class="_3-94 _a6-o">${m.time}</div></div>`;
// 2019–21: _2lej boxes, _2lel sender, _2let content, _2lem time.
const fb2019 = (m) =>
  `<div class="pam _3-95 _2pi0 _2lej uiBoxWhite noborder"><div class="_3-96 _2pio _2lek _2lel">${m.from}</div><div class="_3-96 _2let"><div><div></div><div>${esc(m.text)}</div><div></div><div></div></div></div><div class="_3-94 _2lem">${m.time}</div></div>`;

async function meta() {
  // Newest first, as the download lists them; "SÃ¡m" is how the download spells "Sám" (UTF-8 read as Latin-1).
  const mojibake = Buffer.from('Sám Seller', 'utf8').toString('latin1');
  const fb = [
    { from: 'Dana Client', text: 'SENTINEL-FB3 Everything works, thank you', time: 'Mar 15, 2024 9:30:00 am', reaction: '❤Sám Seller' },
    {
      from: mojibake,
      text: 'SENTINEL-FB2 Here is the preview',
      time: 'Mar 14, 2024 10:05:30 am',
      photos: ['messages/inbox/danaclient_1234/photos/1234_5678.jpg', 'messages/inbox/danaclient_1234/photos/1234_9999.jpg'],
    },
    { from: 'Dana Client', text: 'SENTINEL-FB1 Hi, is my theme ready?', time: 'Mar 14, 2024 9:00:00 am' },
  ];
  await put('meta/facebook-html/message_1.html', fbPage('Dana Client', fb.map(fb2024).join('')));
  // The thread's folder as a 2024 download holds it: the page (with its stamps) and the photo it shows.
  const summer = { from: 'Dana Client', text: 'SENTINEL-FB4 Still working in July', time: 'Jul 02, 2024 6:00:00 pm' };
  await put('meta/facebook-html-thread/message_1.html', fbPage('Dana Client', [summer, ...fb].map(fb2024).join(''), FB_STAMPS));
  await put('meta/facebook-html-thread/photos/1234_5678.jpg', await photo('FB PREVIEW'));
  await put('meta/facebook-html-thread/photos/1234_9999.jpg', await photo('FB SECOND', 300, 220));
  const ig = [
    { from: 'dana.client', text: 'SENTINEL-IG2 Great, received', time: 'Mar 14, 2024 4:15 pm' },
    { from: 'acme.themes', text: 'SENTINEL-IG1 Your files:', share: 'https://www.instagram.com/p/abc/', time: 'Mar 14, 2024 10:07 am' },
  ];
  await put('meta/instagram-html/message_1.html', fbPage('dana.client', ig.map(fb2022).join('')));
  const fr = [
    { from: 'Dana Client', text: 'SENTINEL-FR2 Merci, tout fonctionne', time: '15 mars 2024 à 09:30' },
    { from: 'Sam Seller', text: 'SENTINEL-FR1 Voici le thème', time: '14 mars 2024 à 10:22' },
  ];
  await put('meta/facebook-html-fr-2019/message_1.html', fbPage('Dana Client', fr.map(fb2019).join('')));
  // Damaged: cut short inside the oldest message, and one time is not a time.
  const damaged = fbPage('Dana Client', [{ ...fb[0], time: 'yesterday-ish' }, fb[1], fb[2]].map(fb2024).join(''));
  await put('meta/facebook-html-damaged/message_1.html', damaged.slice(0, damaged.indexOf('SENTINEL-FB1')));
}

// ---- An HTML page that is not a chat export ---------------------------------------------
async function other() {
  await put(
    'html/order-confirmation.html',
    '<!DOCTYPE html>\n<html><head><title>Order #1042 confirmed</title></head><body><h1>Thanks for your order</h1><div class="message">We received your payment.</div></body></html>\n',
  );
  await put(
    'html/fake-telegram-folder/messages.html',
    '<!DOCTYPE html>\n<html><head><title>Messages – My Blog</title></head><body><p>Guestbook</p></body></html>\n',
  );
  await put('html/fake-telegram-folder/css/style.css', 'body { }\n');
  await put('html/fake-telegram-folder/js/script.js', 'void 0;\n');
  // A site's folder with a messages.html and photos, not named as tdesktop names them: not taken for an export.
  await put('html/site-folder/messages.html', '<!DOCTYPE html>\n<html><head><title>Messages</title></head><body><p>Contact us</p></body></html>\n');
  await put('html/site-folder/photos/team.jpg', await photo('TEAM'));
}

await telegram();
await discord();
await meta();
await other();
console.log('chat HTML fixtures written under fixtures/chats/{telegram-html,discord,meta,html}');
