/** Building blocks of the domain tests' small campaigns: one heading, the Lai Châu plan's option set MD4, the mini campaign. */
import { readFileSync } from 'node:fs';
import { CampaignSchema, type Campaign } from '../../surveys/campaign';

export const HEAD = { code: 'TST-2024', name: 'Điều tra thử', year: 2024, province: 'Lai Châu' } as const;

/** 1 → 1, 2 → 0.6, 3 → 0.2, 4 → 0, 9 → don't know (no fraction). */
export const MD4 = {
  code: 'MD4',
  options: [
    { code: '1', label: 'Rất tốt', fraction: 1 },
    { code: '2', label: 'Tốt', fraction: 0.6 },
    { code: '3', label: 'Trung bình', fraction: 0.2 },
    { code: '4', label: 'Kém', fraction: 0 },
    { code: '9', label: 'Không biết', fraction: null },
  ],
};

/**
 * test/fixtures/mini-campaign.json (two departments, two groups, worked by hand in test/cli/paper-path.test.ts),
 * parsed after `patch` has edited its raw JSON.
 */
export function miniCampaign(patch: (raw: Record<string, any>) => void = () => {}): Campaign {
  const raw = JSON.parse(readFileSync(new URL('../fixtures/mini-campaign.json', import.meta.url), 'utf8'));
  patch(raw);
  return CampaignSchema.parse(raw);
}
