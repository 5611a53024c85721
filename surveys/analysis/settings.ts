/** The analysis run's settings as the CLI and the API take them (strings in), checked once for both. */
import { z } from 'zod';
import { DEFAULT_REPLICATES, DEFAULT_SEED } from './bootstrap';

/** At least 100 replicates (fewer make 2.5 % quantiles meaningless), at most 100,000 (minutes of work); a 32-bit seed. */
export const AnalysisSettingsSchema = z.object({
  replicates: z.coerce.number().int().min(100).max(100_000).default(DEFAULT_REPLICATES),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .default(DEFAULT_SEED),
  compare: z.string().min(1).optional(),
});
export type AnalysisSettings = z.infer<typeof AnalysisSettingsSchema>;

/** Over the API a run holds the one worker thread: at most 10,000 replicates there (the CLI may take more). */
export const API_MAX_REPLICATES = 10_000;
export const ApiAnalysisSettingsSchema = AnalysisSettingsSchema.refine((x) => x.replicates <= API_MAX_REPLICATES, {
  path: ['replicates'],
  message: `at most ${API_MAX_REPLICATES} over the API`,
});
