/**
 * CSV as every result file writes it (RFC 4180): one function quotes a field, so a name with a comma,
 * a quote or a line break stays one field in every file (timelines, sweeps, security studies, scale).
 */

/**
 * A CSV field: numbers in JavaScript's shortest round-trip form, strings as they are, `undefined` empty,
 * other values as JSON; quoted (quotes doubled) when it holds a comma, a quote or a line break.
 */
export function csvField(value: unknown): string {
  const text =
    typeof value === 'number'
      ? String(value)
      : typeof value === 'string'
        ? value
        : value === undefined
          ? ''
          : JSON.stringify(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line (no line break) of `values`, each written by {@link csvField}. */
export function csvLine(values: readonly unknown[]): string {
  return values.map(csvField).join(',');
}

/** Splits one CSV line (fields as written by {@link csvField}; a quoted field may hold line breaks). */
export function splitCsv(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let text = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          text += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else text += line[i++];
      }
      fields.push(text);
      i++;
    } else {
      const next = line.indexOf(',', i);
      const end = next < 0 ? line.length : next;
      fields.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return fields;
}

/**
 * The records of CSV text: its lines, except that a line break inside a quoted field (a name with a
 * line break) stays in its record. The text's last line break ends the last record.
 */
export function csvRecords(text: string): string[] {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  if (!body.includes('"')) return body === '' ? [] : body.split('\n');
  const records: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 34)
      quoted = !quoted; // '"': an escaped quote ("") toggles twice
    else if (c === 10 && !quoted) {
      records.push(body.slice(start, i));
      start = i + 1;
    }
  }
  records.push(body.slice(start));
  return records;
}
