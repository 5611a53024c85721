/** The web bench's floor, run as its own process: fastify parses the same form body and better-sqlite3 inserts one submission with its cells, nothing else. */
import formbody from '@fastify/formbody';
import Database from 'better-sqlite3';
import Fastify from 'fastify';

const [dbPath, port] = process.argv.slice(2);
const sqlite = new Database(dbPath);
sqlite.pragma('journal_mode = WAL');
sqlite.pragma('synchronous = NORMAL');
sqlite.exec(
  'create table submissions (id integer primary key, form_id integer not null, kind text not null); create table cells (submission_id integer not null, unit text not null, question text not null, answer text not null, primary key (submission_id, unit, question))',
);
const insertSubmission = sqlite.prepare('insert into submissions (form_id, kind) values (?, ?)');
const insertCell = sqlite.prepare('insert into cells values (?, ?, ?, ?)');
const store = sqlite.transaction((formId: number, fields: Record<string, string>) => {
  const sid = Number(insertSubmission.run(formId, 'web_submit').lastInsertRowid);
  for (const [k, v] of Object.entries(fields)) {
    if (!k.startsWith('a.')) continue;
    const [, unit, question] = k.split('.');
    insertCell.run(sid, unit, question, v);
  }
});

const app = Fastify();
await app.register(formbody);
app.get('/', async () => 'ok');
app.post<{ Params: { id: string } }>('/bare/:id', async (req) => {
  store(Number(req.params.id), req.body as Record<string, string>);
  return 'ok';
});
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
await app.listen({ host: '127.0.0.1', port: Number(port) });
