/** Scan imports run in the background for the console, one at a time per campaign, so a long scan shows its progress and then its result page. */
import type { ScanImportOutcome, ScanImportProgress } from './import-scans';

export type ScanJob = {
  campaign: string;
  fileName: string;
  by: string;
  startedAt: Date;
  finishedAt?: Date;
  status: 'running' | 'done' | 'failed';
  progress: ScanImportProgress;
  result?: ScanImportOutcome;
  error?: unknown;
  settled: Promise<void>;
};

/** The jobs of one server by campaign code; the last one of a campaign is kept (with its result) until the next starts. */
export function createScanJobs(onError: (err: unknown, job: ScanJob) => void) {
  const jobs = new Map<string, ScanJob>();
  return {
    get: (campaign: string): ScanJob | undefined => jobs.get(campaign),
    /** Starts `run` unless a job of the campaign runs; returns the job that runs. */
    start(req: { campaign: string; fileName: string; by: string }, run: (onProgress: (p: ScanImportProgress) => void) => Promise<ScanImportOutcome>): ScanJob {
      const running = jobs.get(req.campaign);
      if (running?.status === 'running') return running;
      const job: ScanJob = {
        ...req,
        startedAt: new Date(),
        status: 'running',
        progress: { files: 1, filesDone: 0, pages: 0, pagesRead: 0 },
        settled: Promise.resolve(),
      };
      jobs.set(req.campaign, job);
      job.settled = run((p) => (job.progress = p)).then(
        (result) => {
          Object.assign(job, { result, status: 'done', finishedAt: new Date() });
        },
        (err: unknown) => {
          Object.assign(job, { error: err, status: 'failed', finishedAt: new Date() });
          onError(err, job);
        },
      );
      return job;
    },
    /** Resolves when every job has ended (a closing server lets its imports finish their transaction). */
    async idle(): Promise<void> {
      await Promise.all([...jobs.values()].map((j) => j.settled));
    },
  };
}
