/** Readable, URL-safe ids chosen by clients for the records they create (actors, commitments, conventions). */
export const ENTITY_ID = /^[a-z0-9][a-z0-9_.-]{0,62}$/;
export const ENTITY_ID_MESSAGE = 'ids are 1-63 characters: lower-case letters, digits, - _ . (starting with a letter or digit)';

/** Person ids reference the people registry; names never enter the log. */
export const PERSON_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;

/** A calendar date as written on documents; its existence (no 31 February) is checked by decide. */
export const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const CALENDAR_DATE_MESSAGE = 'dates are calendar dates YYYY-MM-DD';

export const DOCUMENT_HASH = /^[0-9a-f]{64}$/;
export const DOCUMENT_HASH_MESSAGE = 'documentHash is the SHA-256 of the exact document: 64 lower-case hex digits';
