// marked leaves character references in text untouched (its HTML output lets the browser
// decode them). We render text nodes, so we decode them ourselves: numeric references and
// the few named ones models write. Unknown names stay as written (as text, never as markup).
const named: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', copy: '©', hellip: '…', mdash: '—', ndash: '–',
  // The ones used to disguise a URL scheme (`javascript&colon;`).
  colon: ':', Tab: '\t', NewLine: '\n',
};

const reference = /&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g;

function decodeOne(match: string, body: string): string {
  if (body.charCodeAt(0) !== 35 /* # */) return named[body] ?? match;
  const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
  // Same replacement rule as HTML: NUL, surrogates and out-of-range become U+FFFD.
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(code);
}

export function decodeEntities(text: string): string {
  return text.includes('&') ? text.replace(reference, decodeOne) : text;
}
