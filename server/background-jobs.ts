/** Slow console work in the background (a whole-run PDF, a scan import): one job at a time per campaign, its progress readable while it runs, the last one kept with its result until the campaign's next job starts. */

export type BackgroundJob = {
  campaign: string;
  startedAt: Date;
  finishedAt?: Date;
  status: 'running' | 'done' | 'failed';
  error?: unknown;
  settled: Promise<void>;
};

/**
 * The jobs of one server by campaign code. `start` runs `run(job)` unless a job of the campaign runs (then that job is
 * returned, and the console shows its progress); `run` updates the job's own progress fields as it goes and resolves
 * with the fields a finished job keeps (its file, its result). A failure is kept on the job and given to `onError`.
 */
export function createJobs<J extends BackgroundJob>(onError: (err: unknown, job: J) => void) {
  const jobs = new Map<string, J>();
  return {
    get: (campaign: string): J | undefined => jobs.get(campaign),
    start(fields: Omit<J, keyof BackgroundJob> & { campaign: string }, run: (job: J) => Promise<Partial<J>>): J {
      const running = jobs.get(fields.campaign);
      if (running?.status === 'running') return running;
      const job = { ...fields, startedAt: new Date(), status: 'running', settled: Promise.resolve() } as J;
      jobs.set(job.campaign, job);
      job.settled = run(job).then(
        (done) => {
          Object.assign(job, done, { status: 'done', finishedAt: new Date() });
        },
        (err: unknown) => {
          Object.assign(job, { error: err, status: 'failed', finishedAt: new Date() });
          onError(err, job);
        },
      );
      return job;
    },
    /**
     * A job whose finished result is shown only to the progress page that followed it: the campaign's running job, or
     * its finished one when `followed` is that job's start (ms, as the progress page's URL carries it); otherwise a new
     * job, so a fresh visit always works on today's data.
     */
    startOrFollow(fields: Omit<J, keyof BackgroundJob> & { campaign: string }, followed: number | undefined, run: (job: J) => Promise<Partial<J>>): J {
      const job = jobs.get(fields.campaign);
      if (job && (job.status === 'running' || job.startedAt.getTime() === followed)) return job;
      return this.start(fields, run);
    },
    /** Resolves when every job has ended (a closing server lets its browser exit and its imports finish their transaction). */
    async idle(): Promise<void> {
      await Promise.all([...jobs.values()].map((j) => j.settled));
    },
  };
}
