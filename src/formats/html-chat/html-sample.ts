import { sampleText } from '../../chat/text.js';

/** The sample as text when it is an HTML page (a doctype or an <html>/<head>/<body> near the top). */
export function htmlSample(sample: Buffer): string | undefined {
  const text = sampleText(sample).replace(/^\ufeff/, '');
  const head = text.slice(0, 2048).trimStart().toLowerCase();
  return /^(?:<!doctype html|<html[\s>]|<head[\s>]|<meta[\s>]|<!--)/.test(head) || /<html[\s>]/.test(head) ? text : undefined;
}

/**
 * What an HTML page that no reader took looks like, for the finding that refuses it: its
 * title (or first heading) and the exporters it was checked against.
 */
export function describeHtmlPage(sample: Buffer): string | undefined {
  const text = htmlSample(sample);
  if (text === undefined) return undefined;
  const title = /<title[^>]*>([^<]{0,200})<\/title>/i.exec(text)?.[1] ?? /<h1[^>]*>([^<]{0,200})<\/h1>/i.exec(text)?.[1];
  const clean = title
    ?.replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
  const what = clean ? `an HTML page titled "${clean.slice(0, 80)}"` : 'an HTML page without a title';
  return `${what}, not a chat export evidence-packet reads (Telegram Desktop, DiscordChatExporter, Facebook/Instagram, imessage-exporter, signal-export); print it to PDF or take a screenshot to include it`;
}
