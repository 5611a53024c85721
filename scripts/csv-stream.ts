/** Streams a CSV file record by record (UTF-8 checked, BOM dropped, `,` or `;`), so a million-row file never sits in memory. */
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { Transform } from 'node:stream';
import Papa from 'papaparse';
import { detectDelimiter, fieldCountError, headerCheck, isBlankRecord } from '../surveys/csv';
import { fail } from './io';

export type CsvRecord = { row: number; cells: Record<string, string> } | { row: number; error: string };

const NOT_UTF8 = 'the file is not UTF-8 text: save it from Excel as "CSV UTF-8 (Comma delimited)" (Windows-1258 and other code pages are not read)';

function firstLine(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0];
  } finally {
    closeSync(fd);
  }
}

/** Decodes bytes as strict UTF-8 across chunk boundaries; invalid bytes end the stream with an InputError. */
function strictUtf8(): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      try {
        done(null, decoder.decode(chunk, { stream: true }));
      } catch {
        done(new Error(NOT_UTF8));
      }
    },
    flush(done) {
      try {
        done(null, decoder.decode());
      } catch {
        done(new Error(NOT_UTF8));
      }
    },
  });
}

/**
 * Yields each data record with its spreadsheet row number (the header is row 1), fields trimmed and named by
 * `expected`. A wrong header or a file that is not UTF-8 is an InputError; a row with the wrong number of
 * fields is yielded as an error so that every problem of the file can be listed.
 */
export async function* readCsvRecords(path: string, expected: string[]): AsyncGenerator<CsvRecord> {
  let delimiter: ',' | ';';
  try {
    delimiter = detectDelimiter(firstLine(path));
  } catch (e) {
    fail(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { delimiter, skipEmptyLines: false });
  const source = createReadStream(path).pipe(strictUtf8());
  source.on('error', (e) => parser.destroy(e));
  source.pipe(parser);
  let row = 0;
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      row += 1;
      if (row === 1) {
        const problem = headerCheck(fields, expected);
        if (problem) fail(`row 1: ${problem}`);
        continue;
      }
      if (isBlankRecord(fields)) continue;
      const wrong = fieldCountError(fields, expected, row);
      if (wrong) {
        yield { row, error: wrong };
        continue;
      }
      yield { row, cells: Object.fromEntries(expected.map((name, i) => [name, fields[i].trim()])) };
    }
  } catch (e) {
    if ((e as Error).message === NOT_UTF8) fail(NOT_UTF8);
    throw e;
  }
  if (row === 0) fail('the file is empty (no header row)');
}
