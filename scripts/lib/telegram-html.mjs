// The page frame Telegram Desktop writes around the messages of an HTML export
// (export_output_html.cpp): one writer for the fixtures and for the large bench export.

/** HTML-escapes text as tdesktop does, line breaks as <br>. */
export const escapeHtml = (s) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '<br>');

/** A page's head up to the opening of its history: `base` is the path back to the export's root (css/, js/). */
export const telegramHead = (title, base = '') => `<!DOCTYPE html>
<html>
 <head>
  <meta charset="utf-8"/>
<title>Exported Data</title>
  <meta content="width=device-width, initial-scale=1.0" name="viewport"/>
  <link href="${base}css/style.css" rel="stylesheet"/>
  <script src="${base}js/script.js" type="text/javascript">
  </script>
 </head>
 <body onload="CheckLocation();">
  <div class="page_wrap">
   <div class="page_header">
    <div class="content">
     <div class="text bold">
${escapeHtml(title)}
     </div>
    </div>
   </div>
   <div class="page_body chat_page">
    <div class="history">
`;

/** The link to the page before or after, as tdesktop puts it at the top or the foot of the history. */
export const telegramPageLink = (href, label) => `     <a class="pagination block_link" href="${href}">\n${label}\n     </a>\n`;

/** A page's end, after its history. */
export const TELEGRAM_TAIL = `
    </div>
   </div>
  </div>
 </body>
</html>
`;
