/** `user add` (password from stdin) and `backup` (a consistent copy of the live database). */
import { readFileSync } from 'node:fs';
import type { Db } from '../../db/open';
import { addUser, ROLES } from '../../db/users.repo';
import type { Command } from '../command';
import { fail, oneOf } from '../io';

export const userCommand: Command = {
  usage: 'user add <name> --role admin|supervisor|keyer --password-stdin',
  options: { role: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
  async run(db: Db, [sub, name], values) {
    if (sub !== 'add' || !name) fail(`usage: ${userCommand.usage}`);
    if (values.role === undefined) fail('--role admin|supervisor|keyer is required');
    const role = oneOf(values.role as string, ROLES, '--role', 'keyer');
    if (!values['password-stdin']) fail('--password-stdin is required: pipe the password in (it never appears on the command line)');
    const password = readFileSync(0, 'utf8').replace(/\r?\n$/, '');
    const out = await addUser(db, name, role, password, 'cli');
    if (!out.ok) fail(out.message);
    console.log(`user ${out.user.name} (${out.user.role}) added`);
  },
};

export const backupCommand: Command = {
  usage: 'backup <file>',
  options: {},
  async run(db: Db, [file]) {
    if (!file) fail(`usage: ${backupCommand.usage}`);
    // SQLite's online backup copies a consistent snapshot page by page while the server keeps writing.
    await db.$client.backup(file);
    console.log(`backup written to ${file}`);
  },
};
