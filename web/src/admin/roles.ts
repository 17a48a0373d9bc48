import type { User } from '../api/client';

export type Role = NonNullable<User['role']>;

export const ROLE_NAMES: Record<Role, string> = { teacher: 'Teacher', coach: 'Coach', admin: 'Administrator' };
