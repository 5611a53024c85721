/** `entry import|conflicts|resolve` and `invalidate`: the paper path from the command line. */
import { basename } from 'node:path';
import { importKeyedStream, invalidateForm, listConflicts, resolveCell } from '../../db/entry.repo';
import type { Db } from '../../db/open';
import { toCsv } from '../../surveys/csv';
import { CONFLICT_COLUMNS } from '../../surveys/exports';
import { KEYED_HEADER, keyedText } from '../../surveys/keyed';
import { invalidateText } from '../../surveys/keying-desk';
import { checkSerial, serialText } from '../../surveys/serial';
import { settleText } from '../../surveys/settle';
import { cleanText } from '../../surveys/text';
import { campaignOrFail } from '../campaign-lookup';
import type { Command, Values } from '../command';
import { readCsvRecords } from '../csv-stream';
import { emit, fail, oneOf } from '../io';

function operatorOf(values: Values): string {
  const op = cleanText(String(values.operator ?? ''));
  if (!op) fail('--operator NAME is required (who keyed or decided)');
  return op;
}

/** Streams the file into one write transaction; any problem rolls the whole file back and is listed. */
async function importFile(db: Db, code: string | undefined, file: string | undefined, values: Values) {
  const c = campaignOrFail(db, code);
  if (!file) fail('name the keyed CSV file');
  if (values.pass === undefined) fail('--pass 1|2 is required');
  const pass = Number(oneOf(values.pass as string | undefined, ['1', '2'], '--pass', '1')) as 1 | 2;
  const operator = operatorOf(values);
  const result = await importKeyedStream(db, c, readCsvRecords(file, KEYED_HEADER), { pass, operator, fileName: basename(file) });
  if (!result.ok) {
    const unlisted = result.errorCount - result.problems.length;
    fail(...result.problems.map((p) => keyedText(p, 'en')), ...(unlisted > 0 ? [`… ${unlisted} more problems not listed`] : []));
  }
  console.log(`pass ${pass}: ${result.forms} forms, ${result.cells} cells keyed by ${operator}`);
}

export const entryCommand: Command = {
  usage:
    'entry import <campaign> <file.csv> --pass 1|2 --operator NAME | entry conflicts <campaign> [--format csv|json] | entry resolve <campaign> <serial> <unit> <question> <answer> --operator NAME',
  options: { pass: { type: 'string' }, operator: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
  async run(db, [sub, code, ...rest], values) {
    if (sub === 'import') return importFile(db, code, rest[0], values);
    if (sub === 'conflicts') {
      const c = campaignOrFail(db, code);
      const format = oneOf(values.format as string | undefined, ['csv', 'json'] as const, '--format', 'csv');
      const conflicts = listConflicts(db, c);
      const text =
        format === 'json'
          ? JSON.stringify(conflicts, null, 2) + '\n'
          : toCsv(
              CONFLICT_COLUMNS,
              conflicts.map((x) => [x.serial, x.unit, x.question, x.pass1, x.pass2]),
            );
      return emit(text, values.out as string | undefined);
    }
    if (sub === 'resolve') {
      const c = campaignOrFail(db, code);
      if (rest.length !== 4) fail('usage: entry resolve <campaign> <serial> <unit> <question> <answer> --operator NAME');
      const [typed, unit, question, answer] = rest;
      const serial = checkSerial(typed);
      if (!serial.ok) fail(serialText(serial.problem, 'en'));
      const out = resolveCell(db, c, { serial: serial.serial, unit, question, answer, operator: operatorOf(values) });
      if (!out.ok) fail(settleText(out.problem, 'en'));
      console.log(out.settled ? `form ${serial.serial} settled: ${out.settled}` : `${out.remaining} differences left on form ${serial.serial}`);
      return;
    }
    fail(`usage: ${entryCommand.usage}`);
  },
};

export const invalidateCommand: Command = {
  usage: 'invalidate <campaign> <serial> --reason R',
  options: { reason: { type: 'string' }, operator: { type: 'string' } },
  run(db, [code, typed], values) {
    const c = campaignOrFail(db, code);
    const serial = checkSerial(typed ?? '');
    if (!serial.ok) fail(serialText(serial.problem, 'en'));
    const out = invalidateForm(db, c, serial.serial, cleanText(String(values.reason ?? '')), cleanText(String(values.operator ?? 'cli')));
    if (!out.ok) fail(invalidateText(out.problem, 'en'));
    console.log(`form ${serial.serial} marked invalid`);
  },
};
