import { thaiDigits } from './dom.ts';
import { state, type Round } from './state.ts';

/** Rounds of the follow-up report (followup."6", followup."12"), in the order of the file. */
export const ROUNDS: readonly Round[] = ['6', '12'];
export const roundName = (r: Round): string => `รอบ ${thaiDigits(r)} เดือน`;
/** The document of a round's follow-up report (DOCUMENT_KINDS of src/compose/compose.ts). */
export const followupKindOf = (r: Round): string => `followup-${r}-months`;
/** The rounds the form has. */
export const roundsOf = (): Round[] => ROUNDS.filter((r) => state.raw?.followup?.[r] != null);
