import { analyzeCase } from './dist/case/analyze-case.js';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
const R='/work/shared/fixtures/real';
for (const sub of ['whatsapp','telegram','slack','email/eml','email/mbox','helpdesk/zendesk','helpdesk/freshdesk','instagram']) {
  const d = mkdtempSync('/tmp/int-'); cpSync(join(R,sub), join(d,'x'), {recursive:true});
  writeFileSync(join(d,'case.yaml'), 'timezone: UTC\nclient: {name: Nobody, email: n@example.com}\n');
  const a = await analyzeCase(d);
  console.log('==', sub);
  for (const e of a.exhibits) console.log('  ', e.kind, e.file, e.kind==='chat' ? `${e.messages.length}/${e.totalMessages} first=${new Date(e.messages[0].date.epochMs).toISOString()} ${e.messages[0].sender}: ${e.messages[0].text.slice(0,40)}` : '');
  for (const f of a.findings.filter(f=>!['CHAT_CLIENT_ABSENT'].includes(f.code))) console.log('   !', f.code, f.file, JSON.stringify(f.args).slice(0,150));
}
