/** Account roles: what each signed-in person may do; the users table and the console's forms take them from here. */

export const ROLES = ['admin', 'supervisor', 'keyer'] as const;
export type Role = (typeof ROLES)[number];
