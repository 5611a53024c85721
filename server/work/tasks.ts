/** Work that can take seconds on a large campaign (scoring, its views and exports), as tasks a worker thread or the request thread can run alike. */
import { getCampaign } from '../../db/campaigns.repo';
import type { Db } from '../../db/open';
import { scoreStored } from '../../db/scores.repo';
import { scoresView } from '../../surveys/console-views';
import { csvNum, jsonNum, scoreRows, SCORE_COLUMNS, summaryRows, type Row } from '../../surveys/exports';
import type { CellScore, ScoreResult } from '../../surveys/scoring';
import { scoresWorkbook } from '../xlsx';

/**
 * A task names its campaign by code and carries only plain data, so that it can cross to a worker thread; the
 * answer is plain data too (a workbook comes back as bytes).
 */
export type Task =
  | { kind: 'scores'; code: string }
  | { kind: 'scoreCell'; code: string; unit: string; criterion: string }
  | { kind: 'scoresView'; code: string }
  | { kind: 'scoreTable'; code: string; summary: boolean; format: 'json' | 'csv' }
  | { kind: 'scoresWorkbook'; code: string };

export type TaskResult = {
  scores: ScoreResult;
  scoreCell: CellScore | null;
  scoresView: ReturnType<typeof scoresView>;
  scoreTable: { columns: string[]; rows: Row[] };
  scoresWorkbook: Uint8Array;
};

/** Runs one task on `db`; undefined when the campaign is gone (it may have been read before a replacement). */
export async function runTask<K extends Task['kind']>(db: Db, task: Extract<Task, { kind: K }>): Promise<TaskResult[K] | undefined> {
  const c = getCampaign(db, task.code);
  if (!c) return undefined;
  const t = task as Task;
  switch (t.kind) {
    case 'scores':
      return scoreStored(db, c) as TaskResult[K];
    case 'scoreCell':
      // One cell crosses back, not the campaign's hundreds of thousands.
      return (scoreStored(db, c).cells.find((x) => x.unit === t.unit && x.criterion === t.criterion) ?? null) as TaskResult[K];
    case 'scoresView':
      return scoresView(c.def, scoreStored(db, c)) as TaskResult[K];
    case 'scoreTable': {
      const result = scoreStored(db, c);
      const num = t.format === 'json' ? jsonNum : csvNum;
      const table = t.summary ? summaryRows(c.def, result, num) : { columns: SCORE_COLUMNS, rows: scoreRows(c.def, result, num) };
      return table as TaskResult[K];
    }
    case 'scoresWorkbook':
      return new Uint8Array(await scoresWorkbook({ db }, c)) as TaskResult[K];
  }
}
