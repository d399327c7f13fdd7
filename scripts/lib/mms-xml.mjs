// The <mms> record SMS Backup & Restore writes (its XML backup): the message's attributes, its
// parts (a SMIL layout first, then each text or media part) and its addresses. One writer for
// every fixture script that makes such a backup.

/** The SMIL layout the app stores as part -1: one region per text or image part, in order. */
function smilFor(parts) {
  const regions = parts.map((p) => (p.data ? `<img src="${p.cl}"/>` : `<text src="${p.cl}"/>`)).join('');
  return `<smil><head><layout/></head><body><par dur="5000ms">${regions}</par></body></smil>`;
}

/**
 * A part's attributes. Newer app versions write every column of Android's part table (`full`);
 * older backups hold only the ones a restore needs.
 */
function partAttributes(p, full) {
  const base = { seq: p.seq ?? 0, ct: p.ct, name: p.name ?? 'null', chset: p.ct.startsWith('text/') ? 106 : 'null' };
  if (!full) return { ...base, cl: p.cl, text: p.text ?? 'null' };
  return {
    ...base,
    cd: 'null',
    fn: 'null',
    cid: `<${p.cl}>`,
    cl: p.cl,
    ctt_s: 'null',
    ctt_t: 'null',
    text: p.text ?? 'null',
    sef_type: 0,
    ...(p.data ? { data: p.data } : {}),
  };
}

/**
 * One `<mms>` record, indented as the app indents it inside `<smses>`.
 * `head`: the record's attributes in order; `parts`: { ct, cl, text?, data? (base64), name? };
 * `from` / `to`: addresses (PduHeaders FROM 137, TO 151); `escapeAttr`: the attribute escaping of
 * the app version being imitated; `full`: write every part column.
 */
export function mmsRecord({ head, parts, from, to }, { escapeAttr, full = false }) {
  const attrs = (o) =>
    Object.entries(o)
      .map(([k, v]) => `${k}="${escapeAttr(v)}"`)
      .join(' ');
  const allParts = [{ seq: -1, ct: 'application/smil', cl: 'smil.xml', text: smilFor(parts) }, ...parts];
  const addrs = [...from.map((address) => ({ address, type: 137 })), ...to.map((address) => ({ address, type: 151 }))];
  return [
    `  <mms ${attrs(head)}>`,
    '    <parts>',
    ...allParts.map((p) => `      <part ${attrs(partAttributes(p, full))} />`),
    '    </parts>',
    '    <addrs>',
    ...addrs.map((a) => `      <addr ${attrs({ ...a, charset: 106 })} />`),
    '    </addrs>',
    '  </mms>',
  ].join('\n');
}
