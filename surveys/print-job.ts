/** What the console shows of a PDF being made in the background: progress in forms, times as a Sở Nội vụ reads them. */
import { dateTimeVi, numberVi } from './format-vi';

export type PdfJobStatus = 'running' | 'done' | 'failed';
export type PdfJobState = {
  campaign: string;
  /** The selection as printed in the file name: campaign, group, home unit. */
  name: string;
  formsDone: number;
  formsTotal: number;
  startedAt: Date;
  finishedAt?: Date;
  status: PdfJobStatus;
};

/** 12.34 → "12,3": one decimal, decimal comma. */
export type PdfJobView = {
  status: PdfJobStatus;
  name: string;
  done: string;
  total: string;
  percent: number;
  startedAt: string;
  seconds: string;
};

/**
 * The progress page's figures. 480 of 1,442 forms: 100 × 480 / 1442 = 33.29 → 33 %; started 07:04:00Z, now
 * 07:04:41.5Z → "41,5" seconds.
 */
export function pdfJobView(job: PdfJobState, now: Date): PdfJobView {
  const end = job.finishedAt ?? now;
  return {
    status: job.status,
    name: job.name,
    done: numberVi(job.formsDone),
    total: numberVi(job.formsTotal),
    percent: job.formsTotal === 0 ? 100 : Math.floor((100 * job.formsDone) / job.formsTotal),
    startedAt: dateTimeVi(job.startedAt),
    seconds: numberVi((end.getTime() - job.startedAt.getTime()) / 1000, 1),
  };
}
