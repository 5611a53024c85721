/** The worker thread's entry (piscina): runs tasks on its own read-only connection to the service's database file. */
import { openDbReadonly, type Db } from '../../db/open';
import { runTask, type Task } from './tasks';

const connections = new Map<string, Db>();

export default async function run({ databasePath, task }: { databasePath: string; task: Task }) {
  let db = connections.get(databasePath);
  if (!db) connections.set(databasePath, (db = openDbReadonly(databasePath)));
  return runTask(db, task);
}
