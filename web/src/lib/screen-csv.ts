// CSV for the batch view, read and written in the browser: RFC 4180
// (quoted fields may hold commas, quotes and line breaks; a UTF-8
// byte-order mark is ignored), each record with the file line it starts
// on, so that a problem names the line an officer sees in the file.

export interface CsvRecord {
  line: number; // 1-based line of the file where the record starts
  fields: string[];
}

export function parseCsv(text: string): CsvRecord[] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let any = false; // the record has a character
  const endRecord = () => {
    fields.push(field);
    if (any) records.push({ line: start, fields });
    fields = [];
    field = '';
    any = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      any = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      any = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else {
      field += c;
      any = true;
    }
  }
  if (any || field) endRecord();
  return records;
}

// A spreadsheet runs a cell that begins with =, +, -, @, a tab or a
// carriage return as a formula (CSV injection): such a cell gets a leading
// ' (OWASP's advice), as vigil screen's CSV output does.
function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return '"' + s.replace(/"/g, '""') + '"';
}

export function csvLine(cells: unknown[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}
