/**
 * French phrases for the parameters of the commission's and the actors' refusals (their English
 * text is the API's wording, so the parameter's value itself).
 */

// Commission: the kinds of decision that change its composition or its decision rules.
export type CommissionChange = 'member_admission' | 'member_departure' | 'rules_change';
export const COMMISSION_CHANGE_FR: Record<CommissionChange, string> = {
  member_admission: 'une admission de membre',
  member_departure: 'un départ de membre',
  rules_change: 'un changement du mode de décision',
};

// Actors: what an admin alone may do, and what an admin or the actor's own representative may do.
export type AdminAction = 'register actors' | 'retire actors';
export const ADMIN_ACTION_FR: Record<AdminAction, string> = {
  'register actors': 'enregistrer des acteurs',
  'retire actors': 'retirer des acteurs',
};
export type ActorSelfAction = 'rename' | 'change the territories of';
export const ACTOR_SELF_ACTION_FR: Record<ActorSelfAction, string> = {
  rename: 'le renommer',
  'change the territories of': 'modifier ses territoires',
};
