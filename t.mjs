import { parseHeader, looksLikeWhatsApp } from './dist/formats/whatsapp/parse.js';
import { readFileSync } from 'node:fs';
const t = readFileSync('/tmp/wa/chat.txt','utf8');
console.log(t.split(/\r?\n/).slice(0,3).map(l => [JSON.stringify(l.slice(0,40)), parseHeader(l)]));
console.log(looksLikeWhatsApp(t.slice(0,65536)));
