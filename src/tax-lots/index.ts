/**
 * `quantivista/tax-lots`: the tax-lot ledger (relief methods, wash sales, holding periods),
 * realised and unrealised gains, tax-loss harvesting and portfolio valuation, in exact decimals.
 *
 * @module
 */
export * from './types.ts';
export { buildLedger, RELIEF_METHODS, TAX_TRANSACTION_TYPES } from './build-ledger.ts';
export { longTermStartDate, holdingPeriodTerm } from './holding-period.ts';
