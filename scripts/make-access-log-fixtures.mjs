// Writes fixtures/cases/access-logs: one log per format the access-log adapter reads, each with
// the client's requests among other visitors' and one damaged line, in the shapes the servers
// write: nginx's default "combined" log_format, Apache's common log format (gzip, as logrotate
// leaves it), Caddy's JSON access log, and a CSV of download events as a file-delivery service
// exports it. Deterministic: gzip is written without a file name or time.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'cases', 'access-logs');
mkdirSync(dir, { recursive: true });
const write = (name, data) => writeFileSync(join(dir, name), data);

const CHROME_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36';
const SAFARI_IOS = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Mobile/15E148 Safari/604.1';
const BOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

write(
  'nginx-access.log',
  [
    `198.51.100.23 - - [14/Mar/2024:10:01:02 +0000] "GET / HTTP/1.1" 200 5120 "-" "${BOT}"`,
    `203.0.113.7 - - [14/Mar/2024:10:20:11 +0000] "GET /client/jane/theme-preview HTTP/1.1" 200 48213 "https://acme.dev/" "${CHROME_MAC}"`,
    `203.0.113.7 - - [14/Mar/2024:10:21:40 +0000] "GET /downloads/aurora-theme-1.2.zip?token=7f3a HTTP/1.1" 200 2483911 "https://acme.dev/client/jane" "${CHROME_MAC}"`,
    `198.51.100.99 - - [14/Mar/2024:10:22:00 +0000] "GET /downloads/aurora-theme-1.2.zip HTTP/1.1" 403 153 "-" "curl/8.5.0"`,
    'this line was cut by a disk-full error [14/Mar/2024:10:23',
    `2001:db8::42 - - [28/Mar/2024:09:00:05 +0000] "GET /wp-admin/ HTTP/2.0" 302 0 "-" "${SAFARI_IOS}"`,
    '',
  ].join('\n'),
);

write(
  'apache-access.log.1.gz',
  gzipSync(
    [
      '192.0.2.10 - - [05/Mar/2024:15:00:00 +0100] "GET /robots.txt HTTP/1.1" 404 196',
      '203.0.113.7 - jane [05/Mar/2024:15:14:02 +0100] "POST /checkout HTTP/1.1" 303 -',
      '203.0.113.7 - jane [05/Mar/2024:15:14:05 +0100] "GET /order/INV-0042/thanks HTTP/1.1" 200 3301',
      '',
    ].join('\n'),
  ),
);

const caddy = (ts, ip, method, uri, status, size, agent) =>
  JSON.stringify({
    level: 'info',
    ts,
    logger: 'http.log.access.log0',
    msg: 'handled request',
    request: {
      remote_ip: ip,
      remote_port: '51234',
      client_ip: ip,
      proto: 'HTTP/2.0',
      method,
      host: 'janes-bakery.example',
      uri,
      headers: { 'User-Agent': [agent] },
    },
    bytes_read: 0,
    user_id: '',
    duration: 0.0031,
    size,
    status,
  });
write(
  'caddy-access.jsonl',
  [
    caddy(1711616400.512, '203.0.113.7', 'GET', '/wp-admin/themes.php', 200, 18211, CHROME_MAC),
    caddy(1711616410.044, '198.51.100.23', 'GET', '/', 200, 9120, BOT),
    '{"level":"info","ts":1711616420.1,"msg":"handled request","request":{"remote_ip":',
    caddy(1711616460.9, '203.0.113.7', 'POST', '/wp-admin/customize.php', 200, 512, CHROME_MAC),
    '',
  ].join('\n'),
);

write(
  'downloads.csv',
  [
    'downloaded_at,ip_address,email,file,status,bytes,user_agent',
    `2024-03-13T17:05:12+00:00,203.0.113.7,jane.doe@example.com,aurora-theme-1.2.zip,200,2483911,"${CHROME_MAC}"`,
    `2024-03-13T18:40:00+00:00,192.0.2.77,someone@else.example,aurora-theme-1.2.zip,200,2483911,"${SAFARI_IOS}"`,
    'not a time,203.0.113.7,jane.doe@example.com,aurora-theme-1.2.zip,200,2483911,x',
    '',
  ].join('\n'),
);

write(
  'messages.csv',
  [
    'timestamp,sender,email,text',
    '2024-03-13T17:00:00Z,Acme Themes,support@acme.dev,"Your theme is ready: download it from your client page"',
    '2024-03-13T17:30:00Z,Jane Doe,jane.doe@example.com,"Got it, installing now"',
    '',
  ].join('\n'),
);

write(
  'case.yaml',
  `# Access logs in every format the tool reads; the client is known by her IP addresses.
case: dp_logs
reason: fraudulent
product_type: digital
amount: 499.00
currency: USD
timezone: Europe/London
client: { name: Jane Doe, email: jane.doe@example.com }
merchant: { name: Acme Themes, email: support@acme.dev }
access_log:
  ip: [203.0.113.7, "2001:db8::/32"]
`,
);
