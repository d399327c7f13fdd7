import { sampleText } from '../chat/text.js';

/**
 * What a file no format recognised looks like, for the finding that refuses it: an XML
 * document names its root element, an HTML page its title, JSON its first keys, so the user
 * sees at once that (say) an SMS Backup & Restore call log is not a message backup.
 */
export function describeContent(sample: Buffer): string {
  if (sample.subarray(0, 4096).includes(0) && !/^(?:\xff\xfe|\xfe\xff)/.test(sample.subarray(0, 2).toString('latin1'))) return 'unrecognised binary data';
  const text = sampleText(sample)
    .replace(/^\ufeff/, '')
    .trimStart();
  const head = text.slice(0, 16_384);
  if (/^<!doctype html|^<html[\s>]/i.test(head) || (/^</.test(head) && /<(?:html|body|head)[\s>]/i.test(head))) {
    const title = /<title[^>]*>([^<]{1,80})/i.exec(head)?.[1]?.trim();
    return title ? `an HTML page titled "${title}"` : 'an HTML page';
  }
  if (/^<(?:\?xml|!--|[A-Za-z_])/.test(head)) {
    const root = /<([A-Za-z_][\w.:-]*)[\s/>]/.exec(head.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<![^>]*>/g, ''))?.[1];
    const known = root ? KNOWN_XML_ROOTS[root] : undefined;
    return root ? `an XML document whose root element is <${root}>${known ? ` (${known})` : ''}` : 'an XML document';
  }
  if (/^[{[]/.test(head)) {
    const keys = [...head.slice(0, 2048).matchAll(/^\s{0,4}"([^"]{1,40})"\s*:/gm)].map((m) => m[1]).slice(0, 4);
    return keys.length > 0 ? `JSON with the keys ${keys.join(', ')}` : 'JSON';
  }
  return 'text';
}

/** XML that people mistake for a message export. */
const KNOWN_XML_ROOTS: Readonly<Record<string, string>> = {
  calls: 'an SMS Backup & Restore call log, which holds no messages',
  rss: 'an RSS feed',
  feed: 'an Atom feed',
  svg: 'an SVG drawing',
  plist: 'an Apple property list',
};
