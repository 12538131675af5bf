// What a signed-in person downloads (CSV, XLSX), read back as they would
// open it: the CSV's records without its byte-order mark, the workbook's
// first sheet through a real XLSX reader (ExcelJS).
import ExcelJS from 'exceljs';

import { csvRecords } from './csv.mjs';

/** GET target at base with who's session cookie: status, type, disposition, bytes. */
export async function downloadAs(base, who, target) {
  const res = await fetch(`${base}${target}`, { headers: { Cookie: who.cookie } });
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'),
    bytes: Buffer.from(await res.arrayBuffer()) };
}

/** A downloaded CSV's records, as arrays of strings. */
export const csvOf = (r) => csvRecords(r.bytes.toString('utf8').replace(/^\uFEFF/, '')).map((x) => [...x]);

/** A downloaded workbook's first sheet (ExcelJS). */
export async function firstSheet(r) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(r.bytes);
  return wb.worksheets[0];
}

/** A downloaded workbook's first sheet as rows of values, each as wide as its heading row ('' for empty). */
export async function sheetRows(r) {
  const ws = await firstSheet(r);
  const rows = [];
  const width = ws.getRow(1).values.length - 1;
  ws.eachRow((row) => rows.push(Array.from({ length: width }, (_, i) => row.values[i + 1] ?? '')));
  return rows;
}
