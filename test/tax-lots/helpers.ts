/** Small helpers for the tax-lot tests: decimal strings of ledger amounts, lot lookup. */
import type { TaxAmount, TaxLedger, TaxLot } from '../../src/tax-lots/index.ts';

export const dec = (a: TaxAmount | null | undefined): string | undefined => a?.decimal;

export function lot(ledger: TaxLedger, id: string): TaxLot {
  const l = ledger.lots.find((x) => x.id === id);
  if (!l) throw new Error(`no open lot ${id}; open: ${ledger.lots.map((x) => x.id).join(', ')}`);
  return l;
}

/** [id, quantity, basis] of every open lot. */
export const lotTable = (ledger: TaxLedger): [string, string, string][] => ledger.lots.map((l) => [l.id, l.quantity.decimal, l.basis.decimal]);

/** [lotId, quantity, proceeds, basis, adjustment, gain, term] of every realisation. */
export const realTable = (ledger: TaxLedger): [string, string, string, string, string, string, string][] =>
  ledger.realizations.map((r) => [r.lotId, r.quantity.decimal, r.proceeds.decimal, r.basis.decimal, r.adjustment.decimal, r.gain.decimal, r.term]);
