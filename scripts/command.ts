/** The shape of a CLI command: its usage line, its options for node:util parseArgs, and what it runs. */
import type { ParseArgsConfig } from 'node:util';
import type { Db } from '../db/open';
import type { Config } from '../server/config';

export type Values = Record<string, string | boolean | undefined>;

export type Command = {
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(db: Db, positionals: string[], values: Values, config: Config): void | Promise<void>;
};
