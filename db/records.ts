/** Stored records that several repositories hand each other, apart from the repositories so that none needs another's module for a type. */
import type { Campaign } from '../surveys/campaign';

/** A campaign as stored: its row's identity and version, and the parsed definition of that version. */
export type StoredCampaign = { id: number; code: string; name: string; version: number; def: Campaign };
