/** Roles a token can carry (claim `role`). */
export const ROLES = ['representative', 'commission_secretariat', 'national_body', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated caller: the token subject acting for one actor with one role. */
export interface Principal {
  /** Token subject (`sub`): a person or service id at the identity provider. */
  subject: string;
  /** The actor this principal acts for (claim `actor_id`). */
  actorId: string;
  role: Role;
  /** When the token stops being valid (seconds since the epoch, claim `exp`); a WebSocket closes then. */
  expiresAt?: number;
}

/** Who acts, as a decider judges it: the actor and the role (the token's other details stay at the edge). */
export type ActingActor = Pick<Principal, 'actorId' | 'role'>;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
