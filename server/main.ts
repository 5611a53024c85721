/** Process entry: reads the environment, opens and migrates the database, seeds a first start, listens, closes with grace. */
import { closeDb, openDb } from '../db/open';
import { buildApp } from './app';
import { ensureAdmin, ensureSampleCampaign, firstStartNotice } from './bootstrap';
import { loadConfig } from './config';

const config = loadConfig(process.env);
const db = openDb(config.databasePath);
const app = await buildApp({ config, db, logger: { level: config.logLevel } });

const sample = ensureSampleCampaign(db);
if (sample) app.log.info(`loaded the sample campaign ${sample}`);
const password = await ensureAdmin(db, config.adminPassword);
if (password) process.stderr.write(firstStartNotice(password));

const close = async (signal: string) => {
  app.log.info(`${signal}: closing`);
  await app.close();
  closeDb(db);
  process.exit(0);
};
process.on('SIGINT', () => void close('SIGINT'));
process.on('SIGTERM', () => void close('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
