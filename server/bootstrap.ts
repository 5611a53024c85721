/** First start: load the sample campaign into an empty database and create the first admin account. */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { listCampaigns, loadCampaign } from '../db/campaigns.repo';
import type { Db } from '../db/open';
import { addUser, countUsers } from '../db/users.repo';
import { accountText } from '../surveys/accounts';
import { campaignProblemText, checkCampaignText } from '../surveys/campaign';
import { campaignLoadText } from '../surveys/campaign-load-problems';

export const SAMPLE_CAMPAIGN = new URL('../surveys/samples/lai-chau-2020.json', import.meta.url);

export function ensureSampleCampaign(db: Db): string | null {
  if (listCampaigns(db).length > 0) return null;
  const check = checkCampaignText(readFileSync(SAMPLE_CAMPAIGN, 'utf8'));
  if (!check.ok) throw new Error(`the bundled sample campaign is invalid: ${campaignProblemText(check.problems[0], 'en')}`);
  const out = loadCampaign(db, check.campaign, 'system');
  if (!out.ok) throw new Error(out.problems.map((p) => campaignLoadText(p, 'en')).join('; '));
  return out.code;
}

/** Creates user "admin" when there is no user yet; returns the password when it was generated (to print once). */
export async function ensureAdmin(db: Db, password?: string): Promise<string | null> {
  if (countUsers(db) > 0) return null;
  const generated = password ?? randomBytes(12).toString('base64url');
  const out = await addUser(db, 'admin', 'admin', generated, 'system');
  if (!out.ok) throw new Error(password ? `ADMIN_PASSWORD: ${accountText(out.problem, 'en')}` : accountText(out.problem, 'en'));
  return password ? null : generated;
}

/**
 * The first-start password as a framed block for stderr, apart from the log lines on stdout, so that whoever starts
 * the service sees it among them and can copy it whole.
 */
export function firstStartNotice(password: string): string {
  const lines = [
    'FIRST START: user "admin" created with password',
    '',
    `    ${password}`,
    '',
    'Shown only this once. Log in at /login and change it under /admin/users',
    '(or set ADMIN_PASSWORD before the first start to choose it).',
  ];
  const width = Math.max(...lines.map((l) => l.length));
  const rule = `+${'-'.repeat(width + 4)}+`;
  return ['', rule, ...lines.map((l) => `|  ${l.padEnd(width)}  |`), rule, ''].join('\n') + '\n';
}
