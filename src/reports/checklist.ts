/**
 * The State's report checklist (docs/domain.md, "What the State asks to receive", from the 2013
 * circular's list of deliverables). Every line must be answered by at least one section.
 */
export const CHECKLIST = [
  'phasing of projects over the first three years (2015-2017)',
  'account of the concertation on THD coverage (CCRANT minutes and decisions)',
  'inventory of fixed-broadband white zones',
  'status of projects and of signed deployment conventions',
  'estimated cost of resolving the last 2G white zones',
  'usage projects: national priorities, regional priorities, innovative territories',
  'map and calendar of all initiatives (infrastructure and usages)',
  'semestrial update of coverage plans (map, calendar) and of cost and financing estimates',
  'semestrial update of usage-project calendars',
  'minutes of CCRANT meetings and studies',
  'commitments made by the actors and their status',
  'corrections to facts of earlier semesters',
] as const;
