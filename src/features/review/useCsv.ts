/**
 * Downloads rows as a CSV that Excel opens correctly in Belgium: `;` between fields (the comma is
 * the decimal sign there) and a UTF-8 byte order mark, so "é" and "ë" survive. The CSV library is
 * loaded only when someone exports.
 */
export async function downloadCsv(filename: string, header: readonly string[], rows: ReadonlyArray<readonly string[]>): Promise<void> {
  const { default: Papa } = await import('papaparse')
  const text = Papa.unparse({ fields: [...header], data: rows.map(r => [...r]) }, { delimiter: ';', newline: '\r\n' })
  const url = URL.createObjectURL(new Blob([`\uFEFF${text}`], { type: 'text/csv;charset=utf-8' }))
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
