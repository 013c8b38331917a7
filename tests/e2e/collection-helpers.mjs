// Shared by the collection tests: the test's own RFC 4180 reader, so the exports are checked
// against the rules, not against the writer.

import assert from 'node:assert/strict';

/** RFC 4180, the test's own reader: BOM first, CRLF line ends, quoted fields. */
export function parseCsv(text) {
  assert.equal(text.charCodeAt(0), 0xfeff, 'a UTF-8 byte order mark first');
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r') {
      assert.equal(text[i + 1], '\n', 'CRLF');
      i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      assert.notEqual(c, '\n', 'no bare LF outside quotes');
      field += c;
    }
  }
  assert.equal(field + row.join(''), '', 'the last line ends with CRLF');
  return rows;
}
