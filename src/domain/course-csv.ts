/**
 * CSV as Belgian Excel opens it with a double click: `;` between fields (the comma is the decimal
 * separator here), CRLF line ends, and a UTF-8 byte order mark so é and ë are read as UTF-8.
 */
export function toExcelCsv(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return `\uFEFF${rows.map(row => row.map(csvField).join(';')).join('\r\n')}\r\n`
}

function csvField(value: string | number): string {
  let text = String(value)
  // A cell starting with = + - @ would run as a formula in a spreadsheet: make it plain text.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text))
    text = `'${text}`
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}
