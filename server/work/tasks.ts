/** Work that can take seconds on a large campaign (scoring, its views, large exports, campaign workbooks, scanned pages), as tasks a worker thread or the request thread can run alike. */
import { analyseStored } from '../../db/analysis.repo';
import { loadAnsweredCells } from '../../db/answers.repo';
import { getCampaign, type StoredCampaign } from '../../db/campaigns.repo';
import type { Db } from '../../db/open';
import { loadQuotaCounts, scoreStored } from '../../db/scores.repo';
import { ANSWER_COLUMNS, answerRows, CODEBOOK_COLUMNS, codebookRows } from '../../surveys/answers-export';
import { scoresView } from '../../surveys/console-views';
import { toCsv } from '../../surveys/csv';
import { csvNum, jsonNum, scoreRows, SCORE_COLUMNS, summaryRows, toMatrix, type Row } from '../../surveys/exports';
import type { CellScore, ScoreResult } from '../../surveys/scoring';
import { campaignWorkbook, readCampaignFile, type CampaignFileCheck } from '../render/campaign-workbook';
import { pdfPageCount, pdfPageToGrey } from '../render/pdf-raster';
import { workbookBuffer } from '../render/xlsx';
import { scoresSheets } from '../../surveys/workbook-sheets';
import { analysisJson } from '../../surveys/analysis/tables';
import type { ReportDocument } from '../../surveys/report/document';
import { buildReport } from '../../surveys/report/report';
import type { PageMap } from '../../surveys/omr/layout-map';
import { identifyPage, type Identified } from '../../surveys/omr/qr';
import type { GreyImage, PageReading } from '../../surveys/omr/reading';
import { readIdentified } from '../../surveys/omr/read-page';

/** The exports that can grow with a campaign: a table as CSV text (`csv`) or as JSON rows (`json`). */
export type ExportName = 'scores' | 'summary' | 'answers';

/**
 * A task names its campaign by code and carries only plain data, so that it can cross to a worker thread; the
 * answer is plain data too (a CSV as text, a workbook as bytes).
 */
export type Task =
  | { kind: 'scores'; code: string }
  | { kind: 'scoreCell'; code: string; unit: string; criterion: string }
  | { kind: 'scoresView'; code: string }
  | { kind: 'export'; code: string; what: ExportName; format: 'json' | 'csv' }
  | { kind: 'workbook'; code: string; what: 'scores' | 'answers' }
  // Campaign workbooks: exceljs holds a whole workbook, so a national one takes seconds (README, Files in and out).
  | { kind: 'campaignWorkbook'; code: string }
  | { kind: 'campaignTemplate' }
  | { kind: 'campaignFile'; bytes: Uint8Array; fileName: string }
  // The analysis: its bootstrap scores the campaign a thousand times (README, Analysis).
  | { kind: 'analysis'; code: string; compare?: string; replicates: number; seed: number }
  // The results report's document (the analysis and its layout); rendering to HTML or PDF stays with the caller.
  | { kind: 'report'; code: string; compare?: string; replicates: number; seed: number; now: number }
  // A scanned page: its QR code found, then its boxes read (a tenth of a second or more a page, README, Đọc phiếu quét).
  | { kind: 'scanIdentify'; image: GreyImage }
  // A page of a scanned PDF drawn to pixels; `bytes` sits in shared memory, so each page's task copies nothing.
  | { kind: 'pdfPageCount'; bytes: Uint8Array }
  | { kind: 'pdfPage'; bytes: Uint8Array; page: number; dpi: number }
  | { kind: 'scanRead'; image: GreyImage; found: Identified; map: PageMap | null };

export type TaskResult = {
  scores: ScoreResult;
  scoreCell: CellScore | null;
  scoresView: ReturnType<typeof scoresView>;
  export: string | Row[];
  workbook: Uint8Array;
  campaignWorkbook: Uint8Array;
  campaignTemplate: Uint8Array;
  campaignFile: CampaignFileCheck;
  analysis: ReturnType<typeof analysisJson> | { kind: 'unknown-campaign'; code: string; where: 'compare' };
  report: ReportDocument | { kind: 'unknown-campaign'; code: string; where: 'compare' };
  scanIdentify: Identified;
  pdfPageCount: number;
  pdfPage: GreyImage;
  scanRead: PageReading;
};

/** Runs one task on `db`; undefined when the campaign is gone (it may have been read before a replacement). */
export async function runTask<K extends Task['kind']>(db: Db, task: Extract<Task, { kind: K }>): Promise<TaskResult[K] | undefined> {
  const t = task as Task;
  // An uploaded file, the empty template and a scanned page belong to no stored campaign.
  if (t.kind === 'campaignFile') return (await readCampaignFile(t.bytes, t.fileName)) as TaskResult[K];
  if (t.kind === 'campaignTemplate') return new Uint8Array(await campaignWorkbook(null)) as TaskResult[K];
  if (t.kind === 'scanIdentify') return identifyPage(t.image) as TaskResult[K];
  if (t.kind === 'pdfPageCount') return (await pdfPageCount(t.bytes)) as TaskResult[K];
  if (t.kind === 'pdfPage') return (await pdfPageToGrey(t.bytes, t.page, t.dpi)) as TaskResult[K];
  if (t.kind === 'scanRead') return readIdentified(t.image, t.found, () => t.map) as TaskResult[K];
  const c = getCampaign(db, t.code);
  if (!c) return undefined;
  return (await run(db, c, t)) as TaskResult[K];
}

async function run(
  db: Db,
  c: StoredCampaign,
  t: Exclude<Task, { kind: 'campaignFile' | 'campaignTemplate' | 'scanIdentify' | 'scanRead' | 'pdfPageCount' | 'pdfPage' }>,
): Promise<TaskResult[Task['kind']]> {
  switch (t.kind) {
    case 'campaignWorkbook':
      return new Uint8Array(await campaignWorkbook(c.def));
    case 'scores':
      return scoreStored(db, c);
    case 'scoreCell':
      // One cell crosses back, not the campaign's hundreds of thousands.
      return scoreStored(db, c).cells.find((x) => x.unit === t.unit && x.criterion === t.criterion) ?? null;
    case 'scoresView':
      return scoresView(c.def, scoreStored(db, c));
    case 'export': {
      const { columns, rows } = exportTable(db, c, t.what, t.format === 'json' ? jsonNum : csvNum);
      return t.format === 'json' ? rows : toCsv(columns, toMatrix(columns, rows));
    }
    case 'analysis': {
      const earlier = t.compare === undefined ? undefined : getCampaign(db, t.compare);
      if (t.compare !== undefined && !earlier) return { kind: 'unknown-campaign', code: t.compare, where: 'compare' };
      const a = analyseStored(db, c, { compare: earlier, replicates: t.replicates, seed: t.seed });
      return analysisJson(a, c.def.scoring.decimals, jsonNum);
    }
    case 'report': {
      const earlier = t.compare === undefined ? undefined : getCampaign(db, t.compare);
      if (t.compare !== undefined && !earlier) return { kind: 'unknown-campaign', code: t.compare, where: 'compare' };
      const analysis = analyseStored(db, c, { compare: earlier, replicates: t.replicates, seed: t.seed });
      return buildReport({ campaign: c.def, analysis, compare: earlier && { name: earlier.def.name, units: earlier.def.units }, now: new Date(t.now) });
    }
    case 'workbook':
      if (t.what === 'scores') return new Uint8Array(await workbookBuffer(scoresSheets(c.def, scoreStored(db, c), loadQuotaCounts(db, c.id))));
      return new Uint8Array(
        await workbookBuffer([
          { name: 'answers', columns: ANSWER_COLUMNS, rows: answerRows(c.def, loadAnsweredCells(db, c.id)) },
          { name: 'codebook', columns: CODEBOOK_COLUMNS, rows: codebookRows(c.def) },
        ]),
      );
  }
}

function exportTable(db: Db, c: StoredCampaign, what: ExportName, num: typeof jsonNum): { columns: string[]; rows: Row[] } {
  switch (what) {
    case 'scores':
      return { columns: SCORE_COLUMNS, rows: scoreRows(c.def, scoreStored(db, c), num) };
    case 'summary':
      return summaryRows(c.def, scoreStored(db, c), num);
    case 'answers':
      return { columns: ANSWER_COLUMNS, rows: answerRows(c.def, loadAnsweredCells(db, c.id)) };
  }
}
