/** `export answers`: anonymised answers (one row per settled cell of a counted form) and their codebook, as CSV or one workbook. */
import { loadAnsweredCells } from '../../db/answers.repo';
import { ANSWER_COLUMNS, answerRows, CODEBOOK_COLUMNS, codebookRows } from '../../surveys/answers-export';
import { toCsv } from '../../surveys/csv';
import { toMatrix } from '../../surveys/exports';
import { workbookBuffer } from '../../server/render/xlsx';
import { campaignOrFail } from '../campaign-lookup';
import type { Command } from '../command';
import { emit, fail } from '../io';

export const exportCommand: Command = {
  usage: 'export answers <campaign> [--out F] [--codebook F]   (--out F.xlsx writes one workbook with sheets answers and codebook, so no --codebook)',
  options: { out: { type: 'string' }, codebook: { type: 'string' } },
  async run(db, [sub, code], values) {
    if (sub !== 'answers') fail(`usage: cchc ${exportCommand.usage}`);
    const out = values.out as string | undefined;
    const workbook = out?.toLowerCase().endsWith('.xlsx') ?? false;
    if (workbook && values.codebook !== undefined) {
      fail(`--codebook cannot be used with --out ${out}: the workbook holds the codebook as its sheet "codebook"; drop --codebook, or write CSV files`);
    }
    const c = campaignOrFail(db, code);
    const answers = answerRows(c.def, loadAnsweredCells(db, c.id));
    const codebook = codebookRows(c.def);
    if (workbook) {
      emit(
        await workbookBuffer([
          { name: 'answers', columns: ANSWER_COLUMNS, rows: answers },
          { name: 'codebook', columns: CODEBOOK_COLUMNS, rows: codebook },
        ]),
        out,
      );
    } else {
      emit(toCsv(ANSWER_COLUMNS, toMatrix(ANSWER_COLUMNS, answers)), out);
      // The codebook goes beside the answers: `--codebook F`, or `<out>.codebook.csv` when --out names a file.
      const cb = (values.codebook as string | undefined) ?? (out ? out.replace(/(\.csv)?$/i, '.codebook.csv') : undefined);
      if (cb) emit(toCsv(CODEBOOK_COLUMNS, toMatrix(CODEBOOK_COLUMNS, codebook)), cb);
    }
    console.error(`${answers.length} answered cells of ${new Set(answers.map((a) => a.response_id)).size} counted forms exported`);
  },
};
