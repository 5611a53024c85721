/** Finds the campaign a command names, or fails with the codes that exist. */
import { getCampaign, listCampaigns, type StoredCampaign } from '../db/campaigns.repo';
import type { Db } from '../db/open';
import { fail } from './io';

export function campaignOrFail(db: Db, code: string | undefined): StoredCampaign {
  if (!code) fail('name the campaign code');
  const c = getCampaign(db, code);
  if (!c) fail(`unknown campaign "${code}" (known: ${listCampaigns(db).map((x) => x.code).join(', ') || 'none'})`);
  return c;
}
