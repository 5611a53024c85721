/** The parsed-definition cache belongs to one app (server/plugins/campaigns.ts): requests fill and reuse it, another app never shares it. */
import { afterEach, expect, it } from 'vitest';
import { getCampaign, loadCampaign } from '../../db/campaigns.repo';
import { issueForms, listForms } from '../../db/forms.repo';
import { buildTestApp } from '../helpers/app';
import { miniCampaign } from '../helpers/campaigns';

const apps: Awaited<ReturnType<typeof buildTestApp>>[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

it('a respondent’s requests parse the definition once, into the cache the app owns', async () => {
  const app = await buildTestApp();
  apps.push(app);
  loadCampaign(app.db, miniCampaign(), 'test');
  const c = getCampaign(app.db, 'MINI-2026')!;
  issueForms(app.db, c, 'web', 'test');
  const code = listForms(app.db, c.id)[0].accessCode;
  expect(app.definitions.size).toBe(0);

  expect((await app.inject({ url: `/r/${code}` })).statusCode).toBe(200);
  const entry = app.definitions.get(c.id)!;
  expect(entry.version).toBe(1);
  expect((await app.inject({ url: `/r/${code}` })).statusCode).toBe(200);
  expect(app.definitions.get(c.id)!.def).toBe(entry.def);

  const other = await buildTestApp();
  apps.push(other);
  expect(other.definitions).not.toBe(app.definitions);
  expect(other.definitions.size).toBe(0);
});
