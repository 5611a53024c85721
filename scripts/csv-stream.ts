/** Streams a CSV file record by record (UTF-8 checked, BOM dropped, `,` or `;`), so a million-row file never sits in memory. */
import { createReadStream } from 'node:fs';
import Papa from 'papaparse';
import {
  createRecordSplitter,
  csvText,
  detectDelimiter,
  fieldCountProblem,
  headerCheck,
  isBlankRecord,
  withoutEmptyExtraFields,
  type CsvRecord,
} from '../surveys/csv';
import { cleanText } from '../surveys/text';
import { fail } from './io';

const NOT_UTF8 = csvText({ kind: 'csv-not-utf8' }, 'en');

/** Decoded text in pieces of whole records; papaparse then parses each piece synchronously (its own stream mode is quadratic here). */
async function* recordPieces(path: string): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const splitter = createRecordSplitter();
  // Text after the last record end; only new text is scanned, so a long record costs its length once.
  let carry = '';
  const decode = (chunk?: Buffer) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      fail(NOT_UTF8);
    }
  };
  let stream;
  try {
    stream = createReadStream(path, { highWaterMark: 1 << 20 });
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const text = decode(chunk);
      const cut = splitter.scan(text);
      if (cut < 0) {
        carry += text;
        continue;
      }
      const piece = carry + text.slice(0, cut);
      carry = text.slice(cut);
      yield piece;
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code) fail(`cannot read ${path}: ${code}`);
    throw e;
  }
  const rest = carry + decode();
  if (rest) yield rest;
}

/** The piece without its final line end; without this papaparse would report one more, empty, record. */
function withoutFinalLineEnd(piece: string): string {
  const n = piece.length;
  if (piece.charCodeAt(n - 1) !== 10) return piece;
  return piece.slice(0, piece.charCodeAt(n - 2) === 13 ? n - 2 : n - 1);
}

/**
 * Yields the data records of the file a piece at a time (one array per ~1 MB of text, so the per-record cost of an
 * async iteration is paid once per piece), each with its spreadsheet row number (the header is row 1) and its fields
 * cleaned (surveys/text.ts: NFC, no invisible characters, trimmed), in the order of `expected`; empty columns past
 * the expected ones (Excel's trailing `,` or `;`) are dropped. A wrong header or a file that is not UTF-8 is an InputError; a row with the
 * wrong number of fields is yielded as an error so that every problem of the file can be listed.
 */
export async function* readCsvRecords(path: string, expected: string[]): AsyncGenerator<CsvRecord[]> {
  let delimiter: ',' | ';' | undefined;
  let row = 0;
  for await (const piece of recordPieces(path)) {
    const body = withoutFinalLineEnd(piece);
    delimiter ??= detectDelimiter(body.split(/\r?\n/, 1)[0]);
    const parsed = Papa.parse<string[]>(body, { delimiter, skipEmptyLines: false });
    const unclosed = parsed.errors.find((e) => e.code === 'MissingQuotes');
    const records: CsvRecord[] = [];
    for (const record of parsed.data) {
      row += 1;
      const fields = withoutEmptyExtraFields(record, expected.length);
      if (row === 1) {
        const problem = headerCheck(fields, expected, row);
        if (problem) fail(csvText(problem, 'en'));
        continue;
      }
      if (isBlankRecord(fields)) continue;
      const wrong = fieldCountProblem(fields, expected, row);
      if (wrong) {
        records.push({ row, problem: wrong });
        continue;
      }
      // The array is papaparse's own and used once: cleaned in place rather than copied.
      for (let i = 0; i < fields.length; i++) fields[i] = cleanText(fields[i]);
      records.push({ row, fields });
    }
    if (unclosed) records.push({ row, problem: { kind: 'csv-unclosed-quote', where: { row } } });
    if (records.length) yield records;
  }
  if (row === 0) fail(csvText({ kind: 'csv-no-header' }, 'en'));
}
