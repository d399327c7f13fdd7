import sharp from 'sharp';

/** Where things are in desktopCapture's image, in pixels. */
export const DESKTOP_LAYOUT = {
  width: 1920,
  height: 1080,
  sidebar: { x0: 0, x1: 280 },
  pane: { x0: 280, x1: 1640 },
  members: { x0: 1640, x1: 1920 },
  /** The message that says the client approved, as a highlight rectangle [x, y, w, h]. */
  approved: [296, 402, 520, 28] as [number, number, number, number],
};

const MESSAGES = [
  ['Jane Doe', '09:12', 'Hi, the new header looks good on my phone'],
  ['Sam (Acme Themes)', '09:20', 'Great, I will send the footer changes next'],
  ['Jane Doe', '09:41', 'Please use the darker blue for the menu'],
  ['Sam (Acme Themes)', '10:02', 'Done, the revision is live on the staging site'],
  ['Jane Doe', '10:21', 'Approved. Thank you for the quick work'],
  ['Sam (Acme Themes)', '10:25', 'Thanks Jane, the final files are in your inbox'],
  ['Jane Doe', '10:40', 'Received, the theme works fine on the live site'],
];

/**
 * A desktop chat capture with a known layout, as Slack shows one (1920 × 1080): a dark side
 * bar of channels, the message pane (author and time over each message, 15 px text) and a
 * member list, both lists set a line every 30 px beside the messages.
 */
export async function desktopCapture(): Promise<Buffer> {
  const font = "font-family='DejaVu Sans, sans-serif'";
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const parts: string[] = [];
  parts.push(`<rect width='280' height='1080' fill='#3f0e40'/>`);
  parts.push(`<rect x='1640' width='280' height='1080' fill='#f4f4f4'/>`);
  const channels = ['general', 'random', 'design-review', 'invoices', 'support', 'launch-plan', 'staging', 'feedback'];
  for (let i = 0; i < 30; i++) {
    parts.push(`<text x='24' y='${60 + i * 30}' font-size='15' fill='#ffffff'># ${channels[i % channels.length]} ${i + 1}</text>`);
    parts.push(`<text x='1664' y='${60 + i * 30}' font-size='15' fill='#333333'>member ${['Alex', 'Priya', 'Tom', 'Mia', 'Omar'][i % 5]} ${i + 1}</text>`);
  }
  MESSAGES.forEach(([who, time, text], i) => {
    const y = 100 + i * 74;
    parts.push(`<text x='304' y='${y}' font-size='15' font-weight='bold' fill='#1d1c1d'>${esc(who!)}</text>`);
    parts.push(`<text x='${304 + who!.length * 10 + 16}' y='${y}' font-size='13' fill='#616061'>${time}</text>`);
    parts.push(`<text x='304' y='${y + 24}' font-size='15' fill='#1d1c1d'>${esc(text!)}</text>`);
  });
  const svg = `<svg xmlns='http://www.w3.org/2000/svg' width='1920' height='1080' ${font}><rect width='100%' height='100%' fill='#ffffff'/>${parts.join('')}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
